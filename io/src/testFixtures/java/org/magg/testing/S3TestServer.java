package org.magg.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.magg.io.s3.CredentialsSources;
import org.magg.io.s3.S3Settings;

/**
 * A real S3-compatible server for the tests: Adobe's S3Mock (its executable jar, fetched from Maven
 * Central by the build into {@code target/s3mock/}), started once per test JVM as a separate
 * process on 127.0.0.1 with a random port, and stopped when the JVM exits. It runs as its own JVM
 * because it is a Spring Boot application whose libraries would clash with Beam's on one class
 * path.
 *
 * <p>Buckets {@link #BUCKET} and {@link #PAYER_BUCKET} exist from the start. Tests use their own
 * key prefixes. When the jar is missing the test fails under CI and is skipped elsewhere.
 */
public final class S3TestServer {
  /** A bucket for tests. */
  public static final String BUCKET = "magg-test";

  /** A second bucket (used as a requester-pays bucket; S3Mock does not bill, we check headers). */
  public static final String PAYER_BUCKET = "magg-payer";

  private static final Pattern PORTS =
      Pattern.compile("Tomcat started on ports? (\\d+) \\(https\\), (\\d+) \\(http\\)");
  private static final long START_TIMEOUT_MS = 180_000;

  private static S3TestServer instance;

  private final Process process;
  private final int port;
  private final Path log;

  private S3TestServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The shared server, started on first use. */
  public static synchronized S3TestServer get() {
    if (instance == null) {
      instance = start();
    }
    if (!instance.process.isAlive()) {
      throw new IllegalStateException("S3Mock stopped; see " + instance.log);
    }
    return instance;
  }

  private static S3TestServer start() {
    String jarProp = System.getProperty("magg.s3mock.jar");
    Path jar =
        jarProp != null
            ? Path.of(jarProp)
            : SharedData.projectDir().resolve("target/s3mock/s3mock.jar");
    SharedData.requireOrSkip(
        Files.isRegularFile(jar),
        "S3Mock's executable jar "
            + jar
            + " (the build copies com.adobe.testing:s3mock:exec there in process-test-resources;"
            + " run the tests through Maven)");
    // The SDK's default credentials chain finds these first; S3Mock accepts any keys.
    if (System.getProperty("aws.accessKeyId") == null) {
      System.setProperty("aws.accessKeyId", "magg-test-access-key");
      System.setProperty("aws.secretAccessKey", "magg-test-secret-key");
    }
    System.setProperty("aws.disableEc2Metadata", "true");
    try {
      Path dir = Files.createTempDirectory("magg-s3mock-");
      Path log = dir.resolve("s3mock.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.add("-Xmx384m");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-jar");
      cmd.add(jar.toString());
      cmd.add("--server.address=127.0.0.1");
      cmd.add("--server.port=0");
      cmd.add("--com.adobe.testing.s3mock.httpPort=0");
      cmd.add("--com.adobe.testing.s3mock.store.root=" + dir.resolve("store"));
      cmd.add("--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET + "," + PAYER_BUCKET);
      cmd.add("--logging.level.root=WARN");
      cmd.add("--logging.level.org.springframework.boot.tomcat=INFO");
      cmd.add("--logging.level.org.springframework.boot.web.embedded.tomcat=INFO");
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    p.destroy();
                    try {
                      p.waitFor(10, TimeUnit.SECONDS);
                      try (var files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                      }
                    } catch (IOException | InterruptedException e) {
                      // a leftover temporary directory is harmless
                    }
                  }));
      long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
      while (System.currentTimeMillis() < deadline) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = PORTS.matcher(text);
        if (m.find()) {
          return new S3TestServer(p, Integer.parseInt(m.group(2)), log);
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("S3Mock exited at start:\n" + text);
        }
        Thread.sleep(200);
      }
      p.destroy();
      throw new IllegalStateException(
          "S3Mock did not start within " + START_TIMEOUT_MS / 1000 + " s; see " + log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start S3Mock from " + jar, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting S3Mock", e);
    }
  }

  /** The server's HTTP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Settings that reach this server directly (path style, us-east-1, default chain). */
  public S3Settings settings() {
    return settingsFor(endpoint());
  }

  /** Settings for another endpoint in front of this server (a proxy). */
  public static S3Settings settingsFor(String endpoint) {
    return S3Settings.defaults()
        .withEndpoint(endpoint)
        .withPathStyle(true)
        .withRegion("us-east-1")
        .withCredentials(CredentialsSources.defaultChain());
  }
}
