package org.magg.io.s3;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * An S3 location, {@code s3://bucket/key}. The key may be empty (the bucket itself) or end with
 * {@code /} (a "directory" prefix). {@code s3a://} is accepted as a synonym and written back as
 * {@code s3://}.
 *
 * @param bucket the bucket name
 * @param key the object key or key prefix, without a leading {@code /}; may be empty
 */
public record S3Location(String bucket, String key) implements Serializable {

  public S3Location {
    checkBucket(bucket, "s3://" + bucket + "/" + key);
    if (key == null) {
      key = "";
    }
  }

  /** True when {@code location} is an S3 URL ({@code s3://} or {@code s3a://}). */
  public static boolean isS3(String location) {
    if (location == null) {
      return false;
    }
    String l = location.trim().toLowerCase(Locale.ROOT);
    return l.startsWith("s3://") || l.startsWith("s3a://");
  }

  /**
   * Parses {@code s3://bucket/key}.
   *
   * @throws IllegalArgumentException naming the URL and what is wrong with it
   */
  public static S3Location parse(String url) {
    if (!isS3(url)) {
      throw new IllegalArgumentException(
          "'" + url + "' is not an S3 URL (expected s3://bucket/key)");
    }
    String s = url.trim();
    String rest = s.substring(s.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + url + "' names no bucket (expected s3://bucket/key)");
    }
    checkBucket(bucket, url);
    if (key.startsWith("/")) {
      throw new IllegalArgumentException(
          "'" + url + "': the key must not start with '/' (expected s3://bucket/key)");
    }
    return new S3Location(bucket, key);
  }

  private static void checkBucket(String bucket, String url) {
    if (bucket == null
        || bucket.length() < 3
        || bucket.length() > 63
        || !bucket.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]")) {
      throw new IllegalArgumentException(
          "'"
              + url
              + "': bucket name '"
              + bucket
              + "' is not valid (3 to 63 lowercase letters, digits, '.' or '-', starting and"
              + " ending with a letter or digit)");
    }
  }

  /** The location as a URL, {@code s3://bucket/key}. */
  public String url() {
    return "s3://" + bucket + "/" + key;
  }

  /** The key as a prefix that ends with {@code /} (empty for the bucket itself). */
  public String keyPrefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  /**
   * Resolves a path against this location taken as a file: {@code s3://b/dir/catalog.json} resolves
   * {@code g/a.h5} to {@code s3://b/dir/g/a.h5} and {@code ../a.h5} to {@code s3://b/a.h5}. A path
   * that is itself a URL ({@code scheme://...}) is returned as given; a path starting with {@code
   * /} is taken from the bucket root.
   */
  public String resolveSibling(String path) {
    if (path.contains("://")) {
      return path;
    }
    String base;
    if (path.startsWith("/")) {
      base = "";
    } else {
      int slash = key.lastIndexOf('/');
      base = slash < 0 ? "" : key.substring(0, slash + 1);
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String p : (base + path).split("/", -1)) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          throw new IllegalArgumentException(
              "'" + path + "' relative to " + url() + " goes above the bucket root");
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    String joined = String.join("/", parts);
    if (path.endsWith("/") && !joined.isEmpty()) {
      joined += "/";
    }
    return new S3Location(bucket, joined).url();
  }

  @Override
  public String toString() {
    return url();
  }
}
