package org.magg.io.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.magg.core.IsoTimes;
import org.magg.core.Json;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Reads a DAAC's {@code /s3credentials} answer, {@code {accessKeyId, secretAccessKey, sessionToken,
 * expiration}}, into session credentials. Errors name the endpoint (the {@code context}) and the
 * fields found, never a value that could be part of a key: a body that is not a JSON object is
 * described by its content type and length, not echoed.
 */
final class S3CredentialsJson {
  private static final String EXPECTED = "{accessKeyId, secretAccessKey, sessionToken, expiration}";

  /** Credentials as issued: the keys and when they expire. */
  record Issued(AwsSessionCredentials credentials, Instant expiry) {}

  private S3CredentialsJson() {}

  /**
   * Reads the endpoint's answer.
   *
   * @param context the endpoint and DAAC, for messages
   * @param now the time here; keys that expire by then are refused
   * @throws EarthdataCredentialsException if the answer is not such an object, a field is missing
   *     or empty, or the expiration is not a date-time in the future
   */
  static Issued parse(HttpResponse<String> response, String context, Instant now) {
    String body = response.body();
    JsonNode json;
    try {
      json = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      // The body is not echoed: it could hold parts of credentials.
      throw new EarthdataCredentialsException(
          context
              + " answered something that is not a JSON object (from "
              + EarthdataExchange.where(response.uri())
              + ", content type "
              + response.headers().firstValue("Content-Type").orElse("not given")
              + ", "
              + (body == null ? 0 : body.length())
              + " characters); expected "
              + EXPECTED);
    }
    String accessKeyId = field(json, "accessKeyId", context);
    String secretAccessKey = field(json, "secretAccessKey", context);
    String sessionToken = field(json, "sessionToken", context);
    String expirationText = field(json, "expiration", context);
    Instant expiry = parseExpiration(expirationText, context);
    if (!expiry.isAfter(now)) {
      throw new EarthdataCredentialsException(
          context
              + " answered credentials that expired at "
              + expirationText
              + " (the clock here says "
              + now
              + ")");
    }
    AwsSessionCredentials credentials =
        AwsSessionCredentials.builder()
            .accessKeyId(accessKeyId)
            .secretAccessKey(secretAccessKey)
            .sessionToken(sessionToken)
            .expirationTime(expiry)
            .providerName("EarthdataCredentials")
            .build();
    return new Issued(credentials, expiry);
  }

  private static String field(JsonNode json, String name, String context) {
    JsonNode v = json.get(name);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new EarthdataCredentialsException(
          context
              + " answered JSON "
              + (v == null ? "without '" + name + "'" : "with an empty or non-text '" + name + "'")
              + "; expected "
              + EXPECTED
              + ", found fields "
              + fieldNames(json));
    }
    return v.asText();
  }

  private static String fieldNames(JsonNode json) {
    StringBuilder sb = new StringBuilder("[");
    json.fieldNames()
        .forEachRemaining(
            n -> {
              if (sb.length() > 1) {
                sb.append(", ");
              }
              sb.append(n.length() > 40 ? n.substring(0, 40) + "..." : n);
            });
    return sb.append(']').toString();
  }

  /**
   * Parses the endpoint's expiration, {@code "2024-01-01 12:00:00+00:00"} (Python's str of an aware
   * datetime); ISO-8601 with {@code T} or {@code Z} is accepted too, and a time without an offset
   * is taken as UTC, which is what STS uses.
   */
  static Instant parseExpiration(String text, String context) {
    // Earthdata writes "2024-01-01 12:00:00+00:00": a space for the T.
    String iso = text.trim().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
    return IsoTimes.tryParse(iso)
        .orElseThrow(
            () ->
                new EarthdataCredentialsException(
                    context
                        + " answered an expiration '"
                        + text
                        + "' that is not a date-time (expected like 2024-01-01 12:00:00+00:00)"));
  }
}
