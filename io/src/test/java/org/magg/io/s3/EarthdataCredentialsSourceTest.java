package org.magg.io.s3;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class EarthdataCredentialsSourceTest {
  @TempDir Path tmp;
  private FakeEarthdata fake;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeEarthdata();
    // The source's providers use the real clock.
    fake.clock.set(Instant.now());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private EarthdataCredentialsSource tokenFileSource() throws Exception {
    Path tokenFile = tmp.resolve("edl-token");
    Files.writeString(tokenFile, fake.token);
    return EarthdataCredentialsSource.forDaac("nsidc")
        .withEndpoint(fake.endpoint().toString())
        .withLoginHost(fake.loginHost().toString())
        .withTokenFile(tokenFile.toString());
  }

  private EarthdataCredentialsSource netrcSource() throws Exception {
    Path netrc = tmp.resolve("netrc");
    Files.writeString(
        netrc,
        "machine "
            + fake.loginHost().getHost()
            + " login "
            + fake.username
            + " password \""
            + fake.password.replace("\"", "\\\"")
            + "\"\n");
    return EarthdataCredentialsSource.forDaac("GES_DISC")
        .withEndpoint(fake.endpoint().toString())
        .withLoginHost(fake.loginHost().toString())
        .withNetrc(netrc.toString());
  }

  private static byte[] javaSerialize(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private void assertNoSecret(String what, byte[] bytes) {
    // Java serialization writes strings in (modified) UTF-8; ISO-8859-1 keeps every byte.
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String utf8 = new String(bytes, StandardCharsets.UTF_8);
    for (String secret : fake.secrets()) {
      assertFalse(text.contains(secret) || utf8.contains(secret), what + " holds a secret");
    }
  }

  @Test
  void parseEarthdataSpecs() {
    CredentialsSource s = CredentialsSources.parse("earthdata:nsidc");
    assertEquals(EarthdataCredentialsSource.forDaac("NSIDC"), s);
    assertThat(
        s.describe(),
        containsString(
            "DAAC NSIDC from https://data.nsidc.earthdatacloud.nasa.gov/s3credentials, login from"
                + " EARTHDATA_TOKEN, EARTHDATA_USERNAME/EARTHDATA_PASSWORD or the netrc file"));

    EarthdataCredentialsSource withOptions =
        (EarthdataCredentialsSource)
            CredentialsSources.parse(
                " EARTHDATA:GES_DISC?token-file=/run/secrets/edl&login-host=https://uat.urs.earthdata.nasa.gov");
    assertEquals(
        EarthdataCredentialsSource.forDaac("GES_DISC")
            .withTokenFile("/run/secrets/edl")
            .withLoginHost("https://uat.urs.earthdata.nasa.gov"),
        withOptions);
    assertThat(withOptions.describe(), containsString("login from token file /run/secrets/edl"));

    EarthdataCredentialsSource direct =
        (EarthdataCredentialsSource)
            CredentialsSources.parse("earthdata:https://data.example.org/s3credentials?netrc=/n");
    assertEquals("data.example.org", direct.daac());
    assertEquals("https://data.example.org/s3credentials", direct.endpoint());
    assertThat(direct.describe(), containsString("netrc file /n"));

    assertEquals(
        EarthdataCredentialsSource.forDaac("PODAAC"), CredentialsSources.earthdata("PO.DAAC"));
  }

  @Test
  void parseErrorsSayWhatIsAllowed() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> CredentialsSources.parse("earthdata:X"));
    assertThat(unknown.getMessage(), containsString("S3 credentials 'earthdata:X'"));
    assertThat(unknown.getMessage(), containsString("NSIDC, GES_DISC, PODAAC"));

    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> CredentialsSources.parse("earthdata:"));
    assertThat(empty.getMessage(), containsString("name no DAAC"));

    IllegalArgumentException option =
        assertThrows(
            IllegalArgumentException.class,
            () -> CredentialsSources.parse("earthdata:NSIDC?password=hunter2"));
    assertThat(option.getMessage(), containsString("unknown option 'password'"));
    assertThat(option.getMessage(), containsString("token-file, netrc, endpoint, login-host"));

    IllegalArgumentException other =
        assertThrows(IllegalArgumentException.class, () -> CredentialsSources.parse("aws:x"));
    assertThat(
        other.getMessage(), containsString("allowed: default, profile:NAME, earthdata:DAAC"));

    assertInstanceOf(CredentialsSource.class, CredentialsSources.parse("default"));
  }

  @Test
  void providerFetchesThroughTheSourceAndIsSharedInTheJvm() throws Exception {
    EarthdataCredentialsSource source = tokenFileSource();

    AwsSessionCredentials c = (AwsSessionCredentials) source.provider().resolveCredentials();
    assertEquals(fake.last().secretAccessKey(), c.secretAccessKey());

    EarthdataCredentialsSource copy =
        (EarthdataCredentialsSource)
            new ObjectInputStream(new ByteArrayInputStream(javaSerialize(source))).readObject();
    assertEquals(source, copy);
    assertSame(source.provider(), copy.provider());
    copy.provider().resolveCredentials();
    assertEquals(1, fake.issued.size());
  }

  @Test
  void serializedSourcesHoldNoSecretEvenAfterUse() throws Exception {
    for (EarthdataCredentialsSource source : List.of(tokenFileSource(), netrcSource())) {
      source.provider().resolveCredentials(); // secrets now live in this JVM

      byte[] bytes = javaSerialize(source);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      // the search can see strings in the bytes at all
      assertTrue(text.contains(source.daac()), "DAAC name in the serialized form");
      assertTrue(text.contains(fake.endpoint().toString()));
      assertNoSecret(source.describe(), bytes);
      for (String secret : fake.secrets()) {
        assertThat(source.describe(), not(containsString(secret)));
        assertThat(source.toString(), not(containsString(secret)));
      }
    }
    assertEquals(2, fake.issued.size());
  }

  /** Records what each DoFn instance resolved (the Direct runner runs in this JVM). */
  static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

  /** A DoFn holding a credentials source, as an S3 reader would. */
  static final class ResolvingFn extends DoFn<String, String> {
    private final CredentialsSource credentials;

    ResolvingFn(CredentialsSource credentials) {
      this.credentials = credentials;
    }

    @ProcessElement
    public void process(@Element String element, OutputReceiver<String> out) {
      AwsSessionCredentials c = (AwsSessionCredentials) credentials.provider().resolveCredentials();
      String expiry = c.expirationTime().orElseThrow().toString();
      SEEN.add(expiry);
      out.output(element);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      builder.include("credentials", (EarthdataCredentialsSource) credentials);
    }
  }

  @Test
  void transformHoldingTheSourceRunsOnTheDirectRunnerAndShowsNoSecret() throws Exception {
    EarthdataCredentialsSource source = netrcSource();
    ResolvingFn fn = new ResolvingFn(source);
    SEEN.clear();

    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(List.of("a", "b", "c", "d"))).apply("Resolve", ParDo.of(fn));
    p.run().waitUntilFinish();

    assertEquals(4, SEEN.size());
    for (String expiry : SEEN) {
      assertEquals(fake.last().expiry().toString(), expiry);
    }
    assertEquals(1, fake.issued.size(), "DoFn instances on one JVM share one fetch");

    // Display data of the transform, as a runner UI would show it.
    DisplayData display = DisplayData.from(ParDo.of(fn));
    boolean daacShown = false;
    for (DisplayData.Item item : display.items()) {
      String value = String.valueOf(item.getValue());
      if (item.getKey().equals("earthdataDaac")) {
        daacShown = value.equals("GES_DISC");
      }
      for (String secret : fake.secrets()) {
        assertThat(item.getKey(), value, not(containsString(secret)));
      }
    }
    assertTrue(daacShown, "the source's display data is reached: " + display);
    for (String secret : fake.secrets()) {
      assertThat(display.toString(), not(containsString(secret)));
    }

    // The DoFn as Beam serializes it to ship to workers.
    assertNoSecret("serialized DoFn", SerializableUtils.serializeToByteArray(fn));
  }
}
