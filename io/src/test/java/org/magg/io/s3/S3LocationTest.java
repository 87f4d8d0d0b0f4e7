package org.magg.io.s3;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** S3 URLs, settings and credential specs, without a server. */
class S3LocationTest {

  @Test
  void urlsParseAndResolveRelativePaths() {
    S3Location c = S3Location.parse("s3://my-bucket/runs/2024/catalog.json");
    assertEquals("my-bucket", c.bucket());
    assertEquals("runs/2024/catalog.json", c.key());
    assertEquals("s3://my-bucket/runs/2024/g/a.h5", c.resolveSibling("g/a.h5"));
    assertEquals("s3://my-bucket/runs/a.h5", c.resolveSibling("../a.h5"));
    assertEquals("s3://my-bucket/top/a.h5", c.resolveSibling("/top/a.h5"));
    assertEquals("s3://other/x.h5", c.resolveSibling("s3://other/x.h5"));
    assertEquals("s3://b3b/k", S3Location.parse("S3A://b3b/k").url());
    assertEquals("", S3Location.parse("s3://bucket").key());
    assertEquals("out.zarr/", S3Location.parse("s3://bucket/out.zarr").keyPrefix());
    assertTrue(S3Location.isS3(" s3://x"));
    assertFalse(S3Location.isS3("/data/s3://x"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> c.resolveSibling("../../../x"))
            .getMessage(),
        containsString("goes above the bucket root"));
  }

  @Test
  void badUrlsAreRefusedWithTheReason() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3:///key"))
            .getMessage(),
        containsString("'s3:///key' names no bucket"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://ab/k"))
            .getMessage(),
        containsString("bucket name 'ab' is not valid"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://bucket//k"))
            .getMessage(),
        containsString("must not start with '/'"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> S3Location.parse("/local/path"))
            .getMessage(),
        containsString("not an S3 URL"));
  }

  @Test
  void settingsAndCredentialSourcesSerializeWithoutSecrets() throws Exception {
    S3Settings s =
        S3Settings.defaults()
            .withRegion("eu-west-1")
            .withEndpoint("https://s3.example.test")
            .withPathStyle(true)
            .withRequesterPays(true)
            .withCredentials(CredentialsSources.parse("profile:team"))
            .withMaxAttempts(7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    Object back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }
    assertNotSame(s, back);
    assertEquals(s, back);
    assertEquals(s.hashCode(), back.hashCode());
    assertEquals(
        "S3Settings[region eu-west-1, endpoint https://s3.example.test, path-style, requester"
            + " pays, credentials: AWS profile 'team', max attempts 7]",
        s.toString());
    assertEquals(CredentialsSources.defaultChain(), CredentialsSources.parse(" DEFAULT "));
    assertEquals(CredentialsSources.parse(null), CredentialsSources.defaultChain());
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> CredentialsSources.parse("profile:a b"))
            .getMessage(),
        containsString("profile name without spaces"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> CredentialsSources.parse("earth"))
            .getMessage(),
        not(containsString("null")));
  }
}
