package org.magg.io.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;

/**
 * Local copies of S3 objects, kept in a {@link ContentCache}: one HEAD request per use gives the
 * object's size and ETag, and those are the entry's parameters (with the endpoint when one is set),
 * so an unchanged object is a cache hit across runs and cubes and a replaced one is fetched again.
 * The fetch is one GET conditional on that ETag, so an object replaced between the HEAD and the GET
 * fails the fetch instead of caching new bytes under the old version. Credentials are never part of
 * a key, a parameter or a message.
 *
 * @param s3 how to reach S3
 * @param cacheDirectory the cache's directory
 * @param maxBytes the cache's byte budget
 */
public record CachedS3Files(S3Settings s3, String cacheDirectory, long maxBytes)
    implements Serializable {
  /** The byte budget when none is given: 20 GiB. */
  public static final long DEFAULT_MAX_BYTES = 20L << 30;

  /** Checks the fields. */
  public CachedS3Files {
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException(
          "the content cache's byte budget must be positive, got " + maxBytes);
    }
  }

  /** The cache in {@code directory} with the default budget, S3 reached with {@code s3}. */
  public static CachedS3Files in(Path directory, S3Settings s3) {
    return new CachedS3Files(s3, directory.toString(), DEFAULT_MAX_BYTES);
  }

  /** The same cache, S3 reached with {@code settings}. */
  public CachedS3Files withS3(S3Settings settings) {
    return new CachedS3Files(settings, cacheDirectory, maxBytes);
  }

  /**
   * The local copy of the object at {@code url} ({@code s3://bucket/key}) as it is now, fetched
   * when the cache does not hold this version.
   *
   * @throws java.nio.file.NoSuchFileException naming the URL when there is no such object
   * @throws IOException when it cannot be looked up or fetched (naming the URL)
   */
  public Path fetch(String url) throws IOException {
    S3Location loc;
    try {
      loc = S3Location.parse(url);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    S3Objects objects = S3Objects.of(s3);
    S3Objects.ObjectVersion version = objects.version(loc);
    ContentCache cache = ContentCache.open(Path.of(cacheDirectory), maxBytes);
    return cache.getOrFetch(
        loc.url(), params(version), target -> objects.download(loc, version.etag(), target));
  }

  /** The cache parameters of one object version: {@code etag}, {@code size}, {@code endpoint}. */
  Map<String, Object> params(S3Objects.ObjectVersion version) {
    Map<String, Object> p = new TreeMap<>();
    p.put("etag", version.etag());
    p.put("size", version.size());
    if (s3.endpoint() != null) {
      p.put("endpoint", s3.endpoint());
    }
    return p;
  }
}
