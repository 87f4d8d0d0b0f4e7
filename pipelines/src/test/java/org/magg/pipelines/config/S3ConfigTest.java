package org.magg.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.magg.core.ConfigException;
import org.magg.io.s3.CredentialsSources;
import org.magg.io.s3.S3Settings;

/** The optional {@code s3:} section of a config. */
class S3ConfigTest {

  private static PipelineConfig withS3(String section) {
    return ConfigLoader.parse(ConfigLoader.builtinText("atl06") + "\ns3:\n" + section, "test");
  }

  private static ConfigException refused(String section) {
    return assertThrows(ConfigException.class, () -> withS3(section));
  }

  @Test
  void aConfigWithoutTheSectionUsesTheAwsDefaults() {
    PipelineConfig c = ConfigLoader.builtin("atl06");
    assertSame(S3Config.NONE, c.s3());
    S3Settings s = c.s3().toSettings();
    assertEquals(S3Settings.defaults(), s);
    assertNull(s.region());
    assertNull(s.endpoint());
    assertFalse(s.pathStyle());
    assertFalse(s.requesterPays());
    assertEquals(S3Settings.DEFAULT_MAX_ATTEMPTS, s.maxAttempts());
    assertEquals(CredentialsSources.defaultChain(), s.credentials());
  }

  @Test
  void everyFieldIsParsed() {
    PipelineConfig c =
        withS3(
            "  region: us-west-2\n  endpoint: http://127.0.0.1:9000\n  path_style: true\n"
                + "  requester_pays: yes\n  credentials: profile:science\n  max_attempts: 4\n");
    assertEquals(
        new S3Config("us-west-2", "http://127.0.0.1:9000", true, true, "profile:science", 4),
        c.s3());
    S3Settings s = c.s3().toSettings();
    assertEquals("us-west-2", s.region());
    assertEquals("http://127.0.0.1:9000", s.endpoint());
    assertTrue(s.pathStyle());
    assertTrue(s.requesterPays());
    assertEquals(CredentialsSources.profile("science"), s.credentials());
    assertEquals(4, s.maxAttempts());
    assertThat(s.toString(), containsString("AWS profile 'science'"));
  }

  @Test
  void commandLineValuesOverrideTheConfigFieldByField() {
    S3Config config = new S3Config("us-west-2", "http://127.0.0.1:9000", true, null, null, 3);
    S3Config cli = new S3Config(null, "http://127.0.0.1:9001", null, true, "default", null);
    S3Config merged = config.overriddenBy(cli);
    assertEquals(
        new S3Config("us-west-2", "http://127.0.0.1:9001", true, true, "default", 3), merged);
    assertEquals(config, config.overriddenBy(S3Config.NONE));
    assertEquals(config, config.overriddenBy(null));
  }

  @Test
  void badValuesNameTheirField() {
    assertThat(
        refused("  endpoint: ftp://host\n").getMessage(),
        containsString("s3.endpoint: S3 endpoint 'ftp://host' must be an http:// or https:// URL"));
    assertThat(
        refused("  endpoint: http://key:secret@host\n").getMessage(),
        containsString("s3.endpoint: S3 endpoint must not carry user information"));
    assertFalse(refused("  endpoint: http://key:secret@host\n").getMessage().contains("secret"));
    assertThat(
        refused("  region: US West\n").getMessage(),
        containsString("s3.region: S3 region 'US West' is not valid"));
    assertThat(
        refused("  credentials: static:AKID\n").getMessage(),
        containsString(
            "s3.credentials: unknown S3 credentials 'static:AKID' (allowed: default,"
                + " profile:NAME, earthdata:DAAC"));
    assertThat(
        refused("  credentials: \"profile:\"\n").getMessage(),
        containsString("s3.credentials: S3 credentials 'profile:' need a profile name"));
    assertThat(
        refused("  max_attempts: 0\n").getMessage(),
        containsString("s3.max_attempts: S3 max attempts must be between 1 and 100, got 0"));
    assertThat(
        refused("  path_style: maybe\n").getMessage(),
        containsString("s3.path_style: expected true or false, got 'maybe'"));
    assertThat(
        refused("  bucket: x\n").getMessage(),
        containsString("s3.bucket: unknown field (allowed here: credentials, endpoint,"));
    assertThat(
        assertThrows(
                ConfigException.class,
                () ->
                    new S3Config(null, "nope", null, null, null, null)
                        .toSettings(S3Config.FieldNames.CLI))
            .getMessage(),
        containsString("--s3-endpoint: S3 endpoint 'nope' must be"));
  }
}
