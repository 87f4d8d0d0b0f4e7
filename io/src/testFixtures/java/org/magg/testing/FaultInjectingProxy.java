package org.magg.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A small HTTP/1.1 proxy on 127.0.0.1 in front of the S3 test server that records every request
 * (method, target, headers) and injects faults by request number: an HTTP 500 InternalError, a 503
 * SlowDown (S3's throttling answer), or a connection reset after the server has carried out the
 * request (so the client cannot tell whether a PUT happened). Every exchange uses its own
 * connection ({@code Connection: close}).
 */
public final class FaultInjectingProxy implements AutoCloseable {

  /** What happens to one request. */
  public enum Fault {
    NONE,
    INTERNAL_ERROR_500,
    SLOW_DOWN_503,
    RESET_AFTER_SERVER
  }

  /** A request as the proxy received it; header names in lower case. */
  public record Request(int number, String method, String target, Map<String, String> headers) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final int targetPort;
  private final IntFunction<Fault> plan;
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final AtomicInteger counter = new AtomicInteger();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final Thread acceptor;

  /**
   * Starts a proxy to {@code 127.0.0.1:targetPort}; {@code plan} maps the request number (from 1)
   * to its fault.
   */
  public FaultInjectingProxy(int targetPort, IntFunction<Fault> plan) throws IOException {
    this.targetPort = targetPort;
    this.plan = plan;
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Fails every {@code n}-th request, cycling through 503 SlowDown, 500 and reset. */
  public static IntFunction<Fault> everyNth(int n) {
    Fault[] cycle = {Fault.SLOW_DOWN_503, Fault.INTERNAL_ERROR_500, Fault.RESET_AFTER_SERVER};
    return i -> i % n == 0 ? cycle[(i / n - 1) % cycle.length] : Fault.NONE;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Requests received so far. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many of each fault were injected. */
  public Map<Fault, Integer> injected() {
    Map<Fault, Integer> out = new LinkedHashMap<>();
    injected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Faults injected in all. */
  public int faults() {
    return injected.entrySet().stream()
        .filter(e -> e.getKey() != Fault.NONE)
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        pool.execute(() -> handle(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      client.setSoTimeout(60_000);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        headers.put(name, value);
        if (name.equals("connection") || name.equals("expect")) {
          continue;
        }
        forwarded.append(lines[i]).append("\r\n");
      }
      forwarded.append("Connection: close\r\n\r\n");
      if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      byte[] body = readBody(in, headers);
      int number = counter.incrementAndGet();
      requests.add(new Request(number, requestLine[0], requestLine[1], headers));
      Fault fault = plan.apply(number);
      injected.get(fault).incrementAndGet();
      switch (fault) {
        case INTERNAL_ERROR_500:
          respondError(out, 500, "Internal Server Error", "InternalError");
          return;
        case SLOW_DOWN_503:
          respondError(out, 503, "Slow Down", "SlowDown");
          return;
        default:
          break;
      }
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
        upstream.setSoTimeout(60_000);
        OutputStream up = upstream.getOutputStream();
        up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
        up.write(body);
        up.flush();
        InputStream down = upstream.getInputStream();
        if (fault == Fault.RESET_AFTER_SERVER) {
          down.readAllBytes(); // the server has done the work; the client never hears of it
          client.setSoLinger(true, 0);
          return; // closing with linger 0 sends a reset
        }
        down.transferTo(out);
        out.flush();
      }
    } catch (SocketException e) {
      // the client went away
    } catch (IOException e) {
      // a broken exchange: the client sees it as a connection error
    }
  }

  private static void respondError(OutputStream out, int status, String reason, String code)
      throws IOException {
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>injected by the test proxy</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + xml.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(xml);
    out.flush();
  }

  /** The request head up to (not including) the blank line, or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int last4 = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      }
      b.write(c);
      last4 = (last4 << 8) | c;
      if (last4 == 0x0d0a0d0a) {
        byte[] all = b.toByteArray();
        return new String(all, 0, all.length - 4, StandardCharsets.ISO_8859_1);
      }
    }
  }

  /** The body bytes as sent (chunked bodies are kept in their chunked form). */
  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    String length = headers.get("content-length");
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length));
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      while (true) {
        String line = readLine(in, b);
        int size = Integer.parseInt(line.split(";")[0].trim(), 16);
        if (size == 0) {
          while (!readLine(in, b).isEmpty()) {
            // trailers
          }
          return b.toByteArray();
        }
        b.write(in.readNBytes(size));
        readLine(in, b);
      }
    }
    return new byte[0];
  }

  private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
    StringBuilder s = new StringBuilder();
    int prev = -1;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("end of stream in a chunked body");
      }
      copy.write(c);
      if (prev == '\r' && c == '\n') {
        s.setLength(s.length() - 1);
        return s.toString();
      }
      s.append((char) c);
      prev = c;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
