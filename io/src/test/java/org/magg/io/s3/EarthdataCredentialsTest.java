package org.magg.io.s3;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class EarthdataCredentialsTest {
  @TempDir Path tmp;
  private FakeEarthdata fake;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeEarthdata();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** A builder for the fake DAAC with the given environment and nothing else to look at. */
  private EarthdataCredentials.Builder builder(Map<String, String> env) {
    Map<String, String> withNetrc = new java.util.HashMap<>(env);
    // Never fall back to the real ~/.netrc of whoever runs the tests.
    withNetrc.putIfAbsent("NETRC", tmp.resolve("no-such-netrc").toString());
    return EarthdataCredentials.builder("NSIDC")
        .withEndpoint(fake.endpoint())
        .withLoginHost(fake.loginHost())
        .withEnvironment(withNetrc)
        .withClock(fake.clock)
        .withRetryBackoff(Duration.ZERO);
  }

  private static void assertIssued(FakeEarthdata.Issued expected, AwsSessionCredentials actual) {
    assertEquals(expected.accessKeyId(), actual.accessKeyId());
    assertEquals(expected.secretAccessKey(), actual.secretAccessKey());
    assertEquals(expected.sessionToken(), actual.sessionToken());
    assertEquals(expected.expiry(), actual.expirationTime().orElseThrow());
  }

  @Test
  void bearerTokenFromEnvironmentIsSentToTheEndpoint() {
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();

    AwsSessionCredentials c = creds.resolveCredentials();

    assertEquals(1, fake.issued.size());
    assertIssued(fake.last(), c);
    assertEquals(List.of("Bearer " + fake.token), fake.daacAuthorizationHeaders);
    assertEquals(0, fake.authorizeRequests.get(), "no Earthdata Login dance with a token");
  }

  @Test
  void usernameAndPasswordGoThroughTheOAuthRedirectsWithBasicAuthAndACookie() {
    EarthdataCredentials creds =
        builder(Map.of("EARTHDATA_USERNAME", fake.username, "EARTHDATA_PASSWORD", fake.password))
            .build();

    AwsSessionCredentials c = creds.resolveCredentials();

    assertEquals(1, fake.issued.size());
    assertIssued(fake.last(), c);
    // redirected once, then came back with the session cookie
    assertEquals(2, fake.credentialRequests.get());
    assertEquals(1, fake.authorizeRequests.get());
    assertEquals(1, fake.loginRequests.get());
    assertThat(fake.loginAuthorizationHeaders.get(0), startsWith("Basic "));
    // the password only ever went to the login host
    for (String h : fake.daacAuthorizationHeaders) {
      assertEquals("", h, "the DAAC must not see the login");
    }
  }

  @Test
  void netrcEntryForTheLoginHostIsUsed() throws Exception {
    Path netrc = tmp.resolve("netrc");
    String quoted = "\"" + fake.password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    Files.writeString(
        netrc,
        "# Earthdata\n"
            + "machine urs.earthdata.nasa.gov login someone-else password wrong\n"
            + "machine "
            + fake.loginHost().getHost()
            + "\n  login "
            + fake.username
            + "\n  password "
            + quoted
            + "\n"
            + "default login anonymous password guest\n");

    // found through NETRC, as curl and requests do
    EarthdataCredentials viaEnv = builder(Map.of("NETRC", netrc.toString())).build();
    AwsSessionCredentials first = viaEnv.resolveCredentials();
    assertIssued(fake.last(), first);

    // and through an explicit path, which wins over the environment
    EarthdataCredentials explicit =
        builder(Map.of("EARTHDATA_TOKEN", "not-this-one")).withNetrc(netrc).build();
    AwsSessionCredentials second = explicit.resolveCredentials();
    assertIssued(fake.last(), second);
    assertEquals(2, fake.issued.size());
    assertEquals(2, fake.authorizeRequests.get());
  }

  @Test
  void tokenTakesPrecedenceOverUsernameAndPassword() {
    EarthdataCredentials creds =
        builder(
                Map.of(
                    "EARTHDATA_TOKEN",
                    fake.token,
                    "EARTHDATA_USERNAME",
                    fake.username,
                    "EARTHDATA_PASSWORD",
                    "wrong"))
            .build();

    AwsSessionCredentials c = creds.resolveCredentials();

    assertIssued(fake.last(), c);
    assertEquals(List.of("Bearer " + fake.token), fake.daacAuthorizationHeaders);
    assertEquals(0, fake.authorizeRequests.get());
  }

  @Test
  void manyCallsFromManyThreadsMakeOneRequest() throws Exception {
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AwsSessionCredentials>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(creds::resolveCredentials));
      }
      AwsSessionCredentials first = results.get(0).get();
      for (Future<AwsSessionCredentials> f : results) {
        assertSame(first, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, fake.credentialRequests.get());
    assertEquals(1, fake.issued.size());
    assertIssued(fake.last(), creds.resolveCredentials());
  }

  @Test
  void refreshesShortlyBeforeExpiry() {
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();
    AwsSessionCredentials first = creds.resolveCredentials();
    FakeEarthdata.Issued firstIssued = fake.last();

    // one hour keys, 5 minute margin: still cached 54 minutes later
    fake.clock.advance(Duration.ofMinutes(54));
    assertSame(first, creds.resolveCredentials());
    assertEquals(1, fake.issued.size());

    // 56 minutes: within the margin, fetched again
    fake.clock.advance(Duration.ofMinutes(2));
    AwsSessionCredentials second = creds.resolveCredentials();
    assertEquals(2, fake.issued.size());
    assertIssued(fake.last(), second);
    assertNotEquals(firstIssued.secretAccessKey(), second.secretAccessKey());
    assertEquals(
        Instant.parse("2025-03-01T11:56:00Z"), second.expirationTime().orElseThrow(), "new expiry");
  }

  @Test
  void refreshMarginIsConfigurable() {
    EarthdataCredentials creds =
        builder(Map.of("EARTHDATA_TOKEN", fake.token))
            .withRefreshMargin(Duration.ofMinutes(20))
            .build();
    creds.resolveCredentials();
    fake.clock.advance(Duration.ofMinutes(39));
    creds.resolveCredentials();
    assertEquals(1, fake.issued.size());
    fake.clock.advance(Duration.ofMinutes(1));
    creds.resolveCredentials();
    assertEquals(2, fake.issued.size());
  }

  @Test
  void keysShorterLivedThanTheMarginAreUsedForHalfTheirLife() {
    fake.lifetime = Duration.ofMinutes(4);
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();
    creds.resolveCredentials();
    fake.clock.advance(Duration.ofSeconds(119));
    creds.resolveCredentials();
    assertEquals(1, fake.issued.size());
    fake.clock.advance(Duration.ofSeconds(1));
    creds.resolveCredentials();
    assertEquals(2, fake.issued.size());
  }

  @Test
  void failedRefreshKeepsValidKeysThenReportsOnceTheyExpire() {
    EarthdataCredentials creds =
        builder(Map.of("EARTHDATA_TOKEN", fake.token)).withMaxAttempts(1).build();
    AwsSessionCredentials first = creds.resolveCredentials();

    fake.clock.advance(Duration.ofMinutes(57));
    synchronized (fake.failNext) {
      fake.failNext.add(503);
    }
    assertSame(first, creds.resolveCredentials(), "still valid for 3 minutes");
    int requests = fake.credentialRequests.get();
    // the next refresh waits a minute instead of hammering the endpoint
    assertSame(first, creds.resolveCredentials());
    assertEquals(requests, fake.credentialRequests.get());

    fake.clock.advance(Duration.ofMinutes(4)); // expired now
    synchronized (fake.failNext) {
      fake.failNext.add(503);
    }
    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);
    assertEquals(503, e.status());
  }

  @Test
  void wrongPasswordIs401WithAClearMessageAndNoSecret() {
    EarthdataCredentials creds =
        builder(
                Map.of(
                    "EARTHDATA_USERNAME",
                    fake.username,
                    "EARTHDATA_PASSWORD",
                    "wrong-" + fake.token))
            .build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertEquals(401, e.status());
    assertThat(
        e.getMessage(),
        containsString(
            "Earthdata Login refused the credentials (EARTHDATA_USERNAME/EARTHDATA_PASSWORD or"
                + " EARTHDATA_TOKEN) for DAAC NSIDC"));
    assertThat(e.getMessage(), containsString("EARTHDATA_USERNAME/EARTHDATA_PASSWORD"));
    assertThat(e.getMessage(), not(containsString(fake.token)));
    assertEquals(1, fake.authorizeRequests.get(), "a 401 is not retried");
    assertTrue(fake.issued.isEmpty());
  }

  @Test
  void wrongTokenIs401WithoutEchoingIt() {
    String wrong = "wrong-token-" + fake.token;
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", wrong)).build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertEquals(401, e.status());
    assertThat(e.getMessage(), containsString("for DAAC NSIDC"));
    assertThat(e.getMessage(), containsString("login from EARTHDATA_TOKEN"));
    // the server's answer is quoted, with the token it echoed blanked out
    assertThat(e.getMessage(), containsString("invalid or expired token ***"));
    assertThat(e.getMessage(), not(containsString(wrong)));
    assertEquals(1, fake.credentialRequests.get());
  }

  @Test
  void loginPageInsteadOfRedirectSaysToApproveTheApplication() {
    fake.approvalPage = true;
    EarthdataCredentials creds =
        builder(Map.of("EARTHDATA_USERNAME", fake.username, "EARTHDATA_PASSWORD", fake.password))
            .build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(e.getMessage(), containsString("approve the DAAC's application"));
    assertThat(e.getMessage(), containsString(fake.endpoint().toString()));
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() {
    synchronized (fake.failNext) {
      fake.failNext.add(500);
      fake.failNext.add(502);
    }
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();

    AwsSessionCredentials c = creds.resolveCredentials();

    assertEquals(3, fake.credentialRequests.get());
    assertEquals(1, fake.issued.size());
    assertIssued(fake.last(), c);
  }

  @Test
  void serverErrorsAreReportedAfterTheLastAttempt() {
    synchronized (fake.failNext) {
      for (int i = 0; i < 5; i++) {
        fake.failNext.add(500);
      }
    }
    EarthdataCredentials creds =
        builder(Map.of("EARTHDATA_TOKEN", fake.token)).withMaxAttempts(3).build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertEquals(500, e.status());
    assertEquals(3, fake.credentialRequests.get());
    assertThat(e.getMessage(), containsString("HTTP 500"));
    assertThat(e.getMessage(), containsString("Error 500"));
    assertThat(e.getMessage(), containsString("3 attempts"));
    assertThat(e.getMessage(), containsString(fake.endpoint().toString()));
  }

  @Test
  void pausesDoubleFromTheRetryBackoff() {
    synchronized (fake.failNext) {
      for (int i = 0; i < 3; i++) {
        fake.failNext.add(503);
      }
    }
    List<Duration> pauses = new ArrayList<>();
    EarthdataCredentials creds =
        builder(Map.of("EARTHDATA_TOKEN", fake.token))
            .withMaxAttempts(4)
            .withRetryBackoff(Duration.ofMillis(500))
            .withSleeper(pauses::add)
            .build();

    AwsSessionCredentials c = creds.resolveCredentials();

    assertIssued(fake.last(), c);
    assertEquals(4, fake.credentialRequests.get());
    assertEquals(
        List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), pauses);
  }

  @Test
  void anUnreachableEndpointIsRetriedThenReported() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/s3credentials");
    List<Duration> pauses = new ArrayList<>();
    EarthdataCredentials creds =
        builder(Map.of("EARTHDATA_TOKEN", fake.token))
            .withEndpoint(unreachable)
            .withMaxAttempts(3)
            .withRetryBackoff(Duration.ofSeconds(2))
            .withSleeper(pauses::add)
            .build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertEquals(0, e.status());
    assertThat(e.getMessage(), startsWith("cannot reach " + unreachable + " for DAAC NSIDC"));
    assertThat(e.getMessage(), containsString("(gave up after 3 attempts)"));
    assertThat(e.getMessage(), not(containsString(fake.token)));
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), pauses);
  }

  @Test
  void bodyThatIsNotJsonNamesTheEndpoint() {
    fake.bodyOverride.set("<html>not credentials " + fake.token + "</html>");
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(e.getMessage(), containsString("credentials endpoint " + fake.endpoint()));
    assertThat(e.getMessage(), containsString("not a JSON object"));
    assertThat(e.getMessage(), not(containsString(fake.token)));
  }

  @Test
  void jsonWithoutSessionTokenNamesTheMissingFieldButNotTheSecret() {
    fake.bodyOverride.set(
        "{\"accessKeyId\": \"AKID\", \"secretAccessKey\": \"very-secret-key\","
            + " \"expiration\": \"2025-03-01 11:00:00+00:00\"}");
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(e.getMessage(), containsString(fake.endpoint().toString()));
    assertThat(e.getMessage(), containsString("without 'sessionToken'"));
    assertThat(e.getMessage(), not(containsString("very-secret-key")));
  }

  @Test
  void badExpirationNamesTheEndpointAndTheValue() {
    fake.bodyOverride.set(
        "{\"accessKeyId\": \"AKID\", \"secretAccessKey\": \"S\", \"sessionToken\": \"T\","
            + " \"expiration\": \"next tuesday\"}");
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(e.getMessage(), containsString(fake.endpoint().toString()));
    assertThat(e.getMessage(), containsString("'next tuesday'"));
  }

  @Test
  void alreadyExpiredKeysAreRefused() {
    fake.lifetime = Duration.ofMinutes(-1);
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_TOKEN", fake.token)).build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(e.getMessage(), containsString("expired at 2025-03-01 09:59:00+00:00"));
  }

  @Test
  void noLoginFoundSaysWhatToSet() {
    EarthdataCredentials creds =
        EarthdataCredentials.builder("GES_DISC")
            .withEnvironment(Map.of("NETRC", tmp.resolve("absent").toString()))
            .build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(e.getMessage(), containsString("no Earthdata Login found for DAAC GES_DISC"));
    assertThat(e.getMessage(), containsString("EARTHDATA_TOKEN"));
    assertThat(e.getMessage(), containsString("EARTHDATA_USERNAME and EARTHDATA_PASSWORD"));
    assertThat(e.getMessage(), containsString("machine urs.earthdata.nasa.gov login USER"));
    assertThat(e.getMessage(), containsString(tmp.resolve("absent").toString()));
  }

  @Test
  void usernameWithoutPasswordSaysWhichIsMissing() {
    EarthdataCredentials creds = builder(Map.of("EARTHDATA_USERNAME", fake.username)).build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(
        e.getMessage(), containsString("EARTHDATA_USERNAME is set but EARTHDATA_PASSWORD is not"));
    assertEquals(0, fake.credentialRequests.get());
  }

  @Test
  void tokenFileIsReadAtEachFetch() throws Exception {
    Path tokenFile = tmp.resolve("token");
    Files.writeString(tokenFile, "stale-token\n");
    EarthdataCredentials creds =
        builder(Map.of()).withTokenFile(tokenFile).withRefreshMargin(Duration.ZERO).build();
    assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    Files.writeString(tokenFile, fake.token + "\n");
    AwsSessionCredentials c = creds.resolveCredentials();
    assertIssued(fake.last(), c);
    assertEquals(
        List.of("Bearer stale-token", "Bearer " + fake.token), fake.daacAuthorizationHeaders);
  }

  @Test
  void unknownDaacListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EarthdataCredentials.forDaac("NOPE"));
    assertThat(e.getMessage(), containsString("unknown Earthdata DAAC 'NOPE'"));
    for (String known : List.of("NSIDC", "GES_DISC", "PODAAC", "LPDAAC", "ORNLDAAC", "ASF")) {
      assertThat(e.getMessage(), containsString(known));
    }
  }

  @Test
  void secretsAreNotSentOverPlainHttpToOtherHosts() {
    EarthdataCredentials creds =
        EarthdataCredentials.builder("NSIDC")
            .withEndpoint(URI.create("http://daac.example.invalid/s3credentials"))
            .withToken("tok-" + fake.token)
            .build();

    EarthdataCredentialsException e =
        assertThrows(EarthdataCredentialsException.class, creds::resolveCredentials);

    assertThat(e.getMessage(), containsString("refusing to send the Earthdata Login"));
    assertThat(e.getMessage(), not(containsString(fake.token)));
  }

  @Test
  void toStringNamesTheDaacOnly() {
    EarthdataCredentials creds = builder(Map.of()).withToken(fake.token).build();
    creds.resolveCredentials();
    assertEquals(
        "EarthdataCredentials[daac=NSIDC, endpoint=" + fake.endpoint() + "]", creds.toString());
  }

  @Test
  void logsNameTheDaacButNoSecret() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      builder(Map.of("EARTHDATA_TOKEN", fake.token)).build().resolveCredentials();
      EarthdataCredentials basic =
          builder(Map.of("EARTHDATA_USERNAME", fake.username, "EARTHDATA_PASSWORD", fake.password))
              .withMaxAttempts(1)
              .build();
      basic.resolveCredentials();
      fake.clock.advance(Duration.ofMinutes(58));
      synchronized (fake.failNext) {
        fake.failNext.add(500);
      }
      basic.resolveCredentials(); // refresh fails, logs a warning, keeps the keys
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log, containsString("Fetched Earthdata S3 credentials for DAAC NSIDC"));
    assertThat(log, containsString("Refreshing Earthdata S3 credentials for DAAC NSIDC failed"));
    for (String secret : fake.secrets()) {
      assertThat(log, not(containsString(secret)));
    }
  }

  @Test
  void expirationFormats() {
    assertEquals(
        Instant.parse("2024-01-01T12:00:00Z"),
        S3CredentialsJson.parseExpiration("2024-01-01 12:00:00+00:00", "x"));
    assertEquals(
        Instant.parse("2024-01-01T10:00:00.123456Z"),
        S3CredentialsJson.parseExpiration("2024-01-01 12:00:00.123456+02:00", "x"));
    assertEquals(
        Instant.parse("2024-01-01T12:00:00Z"),
        S3CredentialsJson.parseExpiration("2024-01-01T12:00:00Z", "x"));
    assertEquals(
        Instant.parse("2024-01-01T12:00:00Z"),
        S3CredentialsJson.parseExpiration("2024-01-01 12:00:00", "x"));
    assertThrows(
        EarthdataCredentialsException.class,
        () -> S3CredentialsJson.parseExpiration("01/01/2024", "x"));
  }
}
