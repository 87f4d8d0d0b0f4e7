package org.magg.io.s3;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.testing.FaultInjectingProxy;
import org.magg.testing.FaultInjectingProxy.Fault;
import org.magg.testing.S3TestServer;

/** Object access against a real S3-compatible server (S3Mock) on 127.0.0.1. */
class S3ObjectsTest {
  private static S3TestServer server;
  private static S3Objects s3;

  @BeforeAll
  static void startServer() {
    server = S3TestServer.get();
    s3 = S3Objects.of(server.settings());
  }

  private static S3Location loc(String prefix, String name) {
    return new S3Location(S3TestServer.BUCKET, prefix + name);
  }

  private static String freshPrefix(String what) {
    return what + "/" + UUID.randomUUID() + "/";
  }

  @Test
  void writesReadsListsAcrossPagesAndDeletesInBatches() throws IOException {
    String prefix = freshPrefix("objects");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      S3Location l = loc(prefix, String.format("k%02d", i));
      s3.write(l, ("value " + i).getBytes(StandardCharsets.UTF_8));
      expected.add(l.key());
    }
    s3.write(loc(prefix.substring(0, prefix.length() - 1) + "-sibling/", "x"), new byte[] {1});
    S3Objects paged = s3.withPaging(7, 10);
    assertEquals(expected, paged.listKeys(S3TestServer.BUCKET, prefix));
    assertEquals("value 13", paged.readText(loc(prefix, "k13")));
    assertEquals(3, paged.deleteKeys(S3TestServer.BUCKET, expected));
    assertEquals(List.of(), s3.listKeys(S3TestServer.BUCKET, prefix));
    assertEquals(0, s3.deleteKeys(S3TestServer.BUCKET, List.of()));
  }

  @Test
  void missingObjectsAndBucketsAreNamed() throws IOException {
    S3Location missing = loc(freshPrefix("missing"), "nothing.h5");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> s3.read(missing));
    assertThat(e.getMessage(), containsString(missing.url()));
    assertNull(s3.readIfExists(missing));
    assertFalse(s3.exists(missing));
    s3.delete(missing); // deleting nothing is fine
    assertThrows(NoSuchFileException.class, () -> s3.openChannel(missing).size());
    IOException noBucket =
        assertThrows(
            IOException.class,
            () -> s3.read(new S3Location("magg-no-such-bucket", "catalog.json")));
    assertThat(noBucket.getMessage(), containsString("s3://magg-no-such-bucket/catalog.json"));
    assertThat(noBucket.getMessage(), containsString("NoSuchBucket"));
    IOException noKey =
        assertThrows(IOException.class, () -> s3.read(new S3Location(S3TestServer.BUCKET, "")));
    assertThat(noKey.getMessage(), containsString("names no object"));
  }

  @Test
  void channelReadsRangesThroughABlockCache() throws IOException {
    byte[] data = new byte[1_000_003];
    new Random(7).nextBytes(data);
    S3Location l = loc(freshPrefix("channel"), "blob.bin");
    s3.write(l, data);
    try (S3ReadChannel ch = s3.openChannel(l, 64 * 1024, 4)) {
      assertEquals(0, ch.requests());
      assertEquals(data.length, ch.size());
      assertEquals(1, ch.requests()); // the size came with block 0
      assertEquals(64 * 1024, ch.bytesFetched());
      // within block 0 again: no request
      assertArrayEquals(Arrays.copyOfRange(data, 100, 300), read(ch, 100, 200));
      assertEquals(1, ch.requests());
      // spanning blocks 2..4: one request for three blocks
      assertArrayEquals(Arrays.copyOfRange(data, 150_000, 300_000), read(ch, 150_000, 150_000));
      assertEquals(2, ch.requests());
      assertEquals(4 * 64 * 1024, ch.bytesFetched());
      // the last, short block
      assertArrayEquals(
          Arrays.copyOfRange(data, data.length - 10, data.length), read(ch, data.length - 10, 10));
      Random r = new Random(11);
      for (int i = 0; i < 200; i++) {
        int pos = r.nextInt(data.length);
        int len = Math.min(1 + r.nextInt(100_000), data.length - pos);
        assertArrayEquals(Arrays.copyOfRange(data, pos, pos + len), read(ch, pos, len));
      }
      ch.position(data.length);
      assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
    }
    S3Location empty = loc(freshPrefix("channel"), "empty.bin");
    s3.write(empty, new byte[0]);
    try (S3ReadChannel ch = s3.openChannel(empty)) {
      assertEquals(0, ch.size());
      assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
    }
    try (InputStream in = s3.openSequential(l)) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void anObjectReplacedWhileReadFailsTheRead() throws IOException {
    byte[] a = new byte[300_000];
    byte[] b = new byte[300_000];
    Arrays.fill(b, (byte) 1);
    S3Location l = loc(freshPrefix("changed"), "blob.bin");
    s3.write(l, a);
    try (S3ReadChannel ch = s3.openChannel(l, 64 * 1024, 8)) {
      read(ch, 0, 10);
      s3.write(l, b);
      IOException e = assertThrows(IOException.class, () -> read(ch, 200_000, 10));
      assertThat(e.getMessage(), containsString(l.url() + " changed while it was being read"));
    }
  }

  private static byte[] read(S3ReadChannel ch, long pos, int len) throws IOException {
    ch.position(pos);
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        break;
      }
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  /** Each kind of transient error fails the first attempt; the retry succeeds. */
  @Test
  void transientErrorsAreRetried() throws IOException {
    for (Fault fault :
        List.of(Fault.SLOW_DOWN_503, Fault.INTERNAL_ERROR_500, Fault.RESET_AFTER_SERVER)) {
      S3Location l = loc(freshPrefix("retry"), "v.bin");
      byte[] v = ("payload for " + fault).getBytes(StandardCharsets.UTF_8);
      // a PUT whose first attempt fails (after the server stored it, for a reset)
      try (FaultInjectingProxy proxy =
          new FaultInjectingProxy(server.port(), n -> n == 1 ? fault : Fault.NONE)) {
        S3Objects viaProxy = S3Objects.of(S3TestServer.settingsFor(proxy.endpoint()));
        viaProxy.write(l, v);
        assertEquals(2, proxy.requests().size(), fault.toString());
        assertEquals("PUT", proxy.requests().get(1).method());
      }
      assertArrayEquals(v, s3.read(l));
      // a GET whose first attempt fails
      try (FaultInjectingProxy proxy =
          new FaultInjectingProxy(server.port(), n -> n == 1 ? fault : Fault.NONE)) {
        S3Objects viaProxy = S3Objects.of(S3TestServer.settingsFor(proxy.endpoint()));
        assertArrayEquals(v, viaProxy.read(l));
        assertEquals(2, proxy.requests().size(), fault.toString());
      }
      // with retries off, the same fault fails the read and says what happened
      try (FaultInjectingProxy proxy =
          new FaultInjectingProxy(server.port(), n -> n == 1 ? fault : Fault.NONE)) {
        S3Objects once =
            S3Objects.of(S3TestServer.settingsFor(proxy.endpoint()).withMaxAttempts(1));
        IOException e = assertThrows(IOException.class, () -> once.read(l));
        assertThat(e.getMessage(), containsString(l.url()));
        if (fault == Fault.SLOW_DOWN_503) {
          assertThat(e.getMessage(), containsString("HTTP 503 SlowDown"));
        } else if (fault == Fault.INTERNAL_ERROR_500) {
          assertThat(e.getMessage(), containsString("HTTP 500 InternalError"));
        }
        assertEquals(1, proxy.requests().size());
      }
    }
  }

  @Test
  void requesterPaysIsSentOnEveryRequestWhenEnabled() throws IOException {
    String prefix = freshPrefix("payer");
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), n -> Fault.NONE)) {
      S3Objects payer =
          S3Objects.of(S3TestServer.settingsFor(proxy.endpoint()).withRequesterPays(true));
      S3Location l = new S3Location(S3TestServer.PAYER_BUCKET, prefix + "a.bin");
      payer.write(l, new byte[] {1, 2, 3});
      payer.read(l);
      payer.openChannel(l).size();
      payer.exists(l);
      payer.listKeys(S3TestServer.PAYER_BUCKET, prefix);
      payer.deleteKeys(S3TestServer.PAYER_BUCKET, List.of(l.key()));
      List<String> methods = new ArrayList<>();
      for (FaultInjectingProxy.Request r : proxy.requests()) {
        assertEquals("requester", r.header("x-amz-request-payer"), r.method() + " " + r.target());
        methods.add(r.method() + (r.target().contains("list-type=2") ? " LIST" : ""));
      }
      assertEquals(List.of("PUT", "GET", "GET", "HEAD", "GET LIST", "POST"), methods);
    }
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), n -> Fault.NONE)) {
      S3Objects plain = S3Objects.of(S3TestServer.settingsFor(proxy.endpoint()));
      S3Location l = new S3Location(S3TestServer.PAYER_BUCKET, prefix + "b.bin");
      plain.write(l, new byte[] {1});
      plain.read(l);
      for (FaultInjectingProxy.Request r : proxy.requests()) {
        assertNull(r.header("x-amz-request-payer"));
      }
    }
  }

  @Test
  void namedProfilesSignWithTheProfilesKeys(@TempDir Path dir) throws IOException {
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "[magg-science]\naws_access_key_id = AKIDMAGGPROFILE1\n"
            + "aws_secret_access_key = profile-secret-not-printed\n");
    String before = System.getProperty("aws.sharedCredentialsFile");
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port(), n -> Fault.NONE)) {
      S3Settings settings =
          S3TestServer.settingsFor(proxy.endpoint())
              .withCredentials(CredentialsSources.parse("profile:magg-science"));
      S3Location l = loc(freshPrefix("profile"), "p.bin");
      S3Objects.of(settings).write(l, new byte[] {42});
      assertThat(
          proxy.requests().get(0).header("authorization"),
          containsString("Credential=AKIDMAGGPROFILE1/"));
      assertThat(settings.toString(), containsString("AWS profile 'magg-science'"));
      assertThat(settings.toString(), not(containsString("profile-secret")));
      S3Settings unknown =
          S3TestServer.settingsFor(proxy.endpoint())
              .withCredentials(CredentialsSources.parse("profile:magg-nobody"));
      IOException e = assertThrows(IOException.class, () -> S3Objects.of(unknown).read(l));
      assertThat(e.getMessage(), containsString("magg-nobody"));
    } finally {
      if (before == null) {
        System.clearProperty("aws.sharedCredentialsFile");
      } else {
        System.setProperty("aws.sharedCredentialsFile", before);
      }
    }
  }

  @Test
  void sequentialStreamsReadLargeObjectsWhole() throws IOException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    for (int i = 0; i < 1000; i++) {
      csv.writeBytes(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    S3Location l = loc(freshPrefix("seq"), "t.csv");
    s3.write(l, csv.toByteArray());
    try (InputStream in = s3.openSequential(l)) {
      assertArrayEquals(csv.toByteArray(), in.readAllBytes());
    }
    assertTrue(s3.exists(l));
    assertEquals(csv.size(), s3.size(l));
  }
}
