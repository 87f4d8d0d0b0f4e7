package org.magg.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads, writes, lists and deletes S3 objects for the rest of the project, with the settings'
 * region, endpoint, credentials, requester-pays flag and retry strategy. Every failure is an {@link
 * IOException} whose message names the {@code s3://} URL (or the bucket and prefix) and what went
 * wrong; a missing object is a {@link NoSuchFileException}. The AWS SDK stays behind this class.
 *
 * <p>Transient errors (HTTP 500/502/503/504, throttling, connection resets, timeouts) are retried
 * by the SDK, up to {@link S3Settings#maxAttempts()} attempts with exponential backoff. Every
 * request is idempotent: a PUT replaces the whole object, deletes of missing keys succeed, reads
 * have no side effects.
 */
public final class S3Objects {
  /** Keys per DeleteObjects request (S3's maximum). */
  static final int DELETE_BATCH = 1000;

  /** Keys per ListObjectsV2 page (S3's maximum). */
  static final int LIST_PAGE = 1000;

  /**
   * Block size of ranged reads for random access (HDF5). HDF5 metadata is read in many small pieces
   * scattered over the file; small blocks fetch little besides them, at the price of more requests
   * (see the README for measurements on a real ATL06 granule).
   */
  public static final int DEFAULT_BLOCK_SIZE = 16 * 1024;

  /** Blocks kept per open channel (4 MiB at the default block size). */
  public static final int DEFAULT_CACHED_BLOCKS = 256;

  /** Block size for sequential reads (CSV tables). */
  static final int SEQUENTIAL_BLOCK_SIZE = 8 * 1024 * 1024;

  private final S3Settings settings;
  private final int listPage;
  private final int deleteBatch;
  private volatile S3Client client;

  private S3Objects(S3Settings settings, int listPage, int deleteBatch) {
    this.settings = java.util.Objects.requireNonNull(settings, "S3 settings cannot be null.");
    this.listPage = listPage;
    this.deleteBatch = deleteBatch;
  }

  /**
   * Object access with these settings. The client (shared per JVM and settings) is built on the
   * first request, so creating this object touches no network.
   */
  public static S3Objects of(S3Settings settings) {
    return new S3Objects(settings, LIST_PAGE, DELETE_BATCH);
  }

  /** The same access with smaller pages and delete batches (to exercise pagination in tests). */
  S3Objects withPaging(int listPage, int deleteBatch) {
    return new S3Objects(settings, listPage, deleteBatch);
  }

  private S3Client client() {
    S3Client c = client;
    if (c == null) {
      c = S3Clients.get(settings);
      client = c;
    }
    return c;
  }

  public S3Settings settings() {
    return settings;
  }

  private RequestPayer payer() {
    return settings.requesterPays() ? RequestPayer.REQUESTER : null;
  }

  private static void requireKey(S3Location loc) throws IOException {
    if (loc.key().isEmpty() || loc.key().endsWith("/")) {
      throw new IOException(loc.url() + " names no object (expected s3://bucket/key)");
    }
  }

  /** The whole object. */
  public byte[] read(S3Location loc) throws IOException {
    byte[] b = readIfExists(loc);
    if (b == null) {
      throw new NoSuchFileException(loc.url(), null, "no such S3 object");
    }
    return b;
  }

  /** The whole object as UTF-8 text. */
  public String readText(S3Location loc) throws IOException {
    return new String(read(loc), StandardCharsets.UTF_8);
  }

  /** The whole object, or null when there is no such key. */
  public byte[] readIfExists(S3Location loc) throws IOException {
    requireKey(loc);
    try {
      return client()
          .getObjectAsBytes(
              GetObjectRequest.builder()
                  .bucket(loc.bucket())
                  .key(loc.key())
                  .requestPayer(payer())
                  .build())
          .asByteArray();
    } catch (SdkException e) {
      if (isNotFound(e) && !isNoSuchBucket(e)) {
        return null;
      }
      throw wrap("cannot read", loc.url(), e);
    }
  }

  /** An input stream over the whole object, read sequentially in large ranged GETs. */
  public InputStream openSequential(S3Location loc) throws IOException {
    S3ReadChannel ch = openChannel(loc, SEQUENTIAL_BLOCK_SIZE, 1);
    ch.size(); // fail here, naming the object, when it does not exist
    return Channels.newInputStream(ch);
  }

  /** A read-only channel over the object with the default block size and cache. */
  public S3ReadChannel openChannel(S3Location loc) throws IOException {
    return openChannel(loc, DEFAULT_BLOCK_SIZE, DEFAULT_CACHED_BLOCKS);
  }

  /**
   * A read-only channel that reads the object in ranged GETs of {@code blockSize} bytes and keeps
   * the last {@code cachedBlocks} blocks. Nothing is fetched until the first read or {@code
   * size()}.
   */
  public S3ReadChannel openChannel(S3Location loc, int blockSize, int cachedBlocks)
      throws IOException {
    requireKey(loc);
    return new S3ReadChannel(this, loc, blockSize, cachedBlocks);
  }

  /** The bytes of one ranged GET and what the response said about the whole object. */
  record Range(byte[] bytes, long objectSize, String etag) {}

  /**
   * Reads {@code length} bytes from {@code start} (fewer at the end of the object). With {@code
   * ifMatch} the read fails when the object has changed since that ETag was seen.
   */
  Range readRange(S3Location loc, long start, int length, String ifMatch) throws IOException {
    String range = "bytes=" + start + "-" + (start + length - 1);
    try {
      ResponseBytes<GetObjectResponse> r =
          client()
              .getObjectAsBytes(
                  GetObjectRequest.builder()
                      .bucket(loc.bucket())
                      .key(loc.key())
                      .range(range)
                      .ifMatch(ifMatch)
                      .requestPayer(payer())
                      .build());
      byte[] bytes = r.asByteArray();
      GetObjectResponse resp = r.response();
      long total = totalFromContentRange(resp.contentRange());
      if (total < 0) {
        // The server ignored the range and sent the whole object.
        total = bytes.length;
        int from = (int) Math.min(start, bytes.length);
        int to = (int) Math.min((long) from + length, bytes.length);
        bytes = java.util.Arrays.copyOfRange(bytes, from, to);
      }
      return new Range(bytes, total, resp.eTag());
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new IOException(
            loc.url() + " changed while it was being read (its ETag is no longer " + ifMatch + ")",
            e);
      }
      if (e.statusCode() == 416) {
        return new Range(new byte[0], size(loc), ifMatch);
      }
      if (isNotFound(e) && !isNoSuchBucket(e)) {
        throw new NoSuchFileException(loc.url(), null, "no such S3 object");
      }
      throw wrap("cannot read " + range + " of", loc.url(), e);
    } catch (SdkException e) {
      throw wrap("cannot read " + range + " of", loc.url(), e);
    }
  }

  private static long totalFromContentRange(String contentRange) {
    if (contentRange == null) {
      return -1;
    }
    int slash = contentRange.lastIndexOf('/');
    if (slash < 0 || contentRange.endsWith("*")) {
      return -1;
    }
    try {
      return Long.parseLong(contentRange.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The object's size in bytes. */
  public long size(S3Location loc) throws IOException {
    HeadObjectResponse h = head(loc);
    if (h == null) {
      throw new NoSuchFileException(loc.url(), null, "no such S3 object");
    }
    return h.contentLength();
  }

  /**
   * What identifies an object's content version: its size and ETag (as S3 returns it, quotes
   * included). A replaced object has another ETag.
   *
   * @param size bytes
   * @param etag the entity tag
   */
  public record ObjectVersion(long size, String etag) {}

  /** The object's size and ETag, from one HEAD request. */
  public ObjectVersion version(S3Location loc) throws IOException {
    HeadObjectResponse h = head(loc);
    if (h == null) {
      throw new NoSuchFileException(loc.url(), null, "no such S3 object");
    }
    return new ObjectVersion(h.contentLength(), h.eTag());
  }

  /**
   * Writes the whole object into {@code target} (replacing it) in one GET that fails when the
   * object no longer has the ETag {@code ifMatch} (null: any version).
   */
  public void download(S3Location loc, String ifMatch, java.nio.file.Path target)
      throws IOException {
    requireKey(loc);
    try (InputStream in =
        client()
            .getObject(
                GetObjectRequest.builder()
                    .bucket(loc.bucket())
                    .key(loc.key())
                    .ifMatch(ifMatch)
                    .requestPayer(payer())
                    .build())) {
      java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new IOException(
            loc.url()
                + " changed while it was being fetched (its ETag is no longer "
                + ifMatch
                + ")",
            e);
      }
      if (isNotFound(e) && !isNoSuchBucket(e)) {
        throw new NoSuchFileException(loc.url(), null, "no such S3 object");
      }
      throw wrap("cannot read", loc.url(), e);
    } catch (SdkException e) {
      throw wrap("cannot read", loc.url(), e);
    }
  }

  /** Whether the object exists. */
  public boolean exists(S3Location loc) throws IOException {
    return head(loc) != null;
  }

  private HeadObjectResponse head(S3Location loc) throws IOException {
    requireKey(loc);
    try {
      return client().headObject(b -> b.bucket(loc.bucket()).key(loc.key()).requestPayer(payer()));
    } catch (SdkException e) {
      if (isNotFound(e) && !isNoSuchBucket(e)) {
        return null;
      }
      throw wrap("cannot look up", loc.url(), e);
    }
  }

  /** Stores {@code bytes} as the whole object in one PUT, replacing any previous object. */
  public void write(S3Location loc, byte[] bytes) throws IOException {
    requireKey(loc);
    try {
      client()
          .putObject(
              b ->
                  b.bucket(loc.bucket())
                      .key(loc.key())
                      .contentLength((long) bytes.length)
                      .contentType("application/octet-stream")
                      .requestPayer(payer()),
              RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw wrap("cannot write", loc.url(), e);
    }
  }

  /** Deletes the object; a missing object is not an error. */
  public void delete(S3Location loc) throws IOException {
    requireKey(loc);
    try {
      client().deleteObject(b -> b.bucket(loc.bucket()).key(loc.key()).requestPayer(payer()));
    } catch (SdkException e) {
      if (isNotFound(e) && !isNoSuchBucket(e)) {
        return;
      }
      throw wrap("cannot delete", loc.url(), e);
    }
  }

  /** Whether any key of {@code bucket} starts with {@code prefix} (one request of one key). */
  public boolean anyKey(String bucket, String prefix) throws IOException {
    try {
      ListObjectsV2Response page =
          client()
              .listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1).requestPayer(payer()));
      return !page.contents().isEmpty();
    } catch (SdkException e) {
      throw wrap("cannot list", "s3://" + bucket + "/" + prefix, e);
    }
  }

  /** Every key of {@code bucket} that starts with {@code prefix}, sorted (all pages). */
  public List<String> listKeys(String bucket, String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    String token = null;
    try {
      do {
        String t = token;
        ListObjectsV2Response page =
            client()
                .listObjectsV2(
                    b ->
                        b.bucket(bucket)
                            .prefix(prefix)
                            .maxKeys(listPage)
                            .continuationToken(t)
                            .requestPayer(payer()));
        for (S3Object o : page.contents()) {
          keys.add(o.key());
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException e) {
      throw wrap("cannot list", "s3://" + bucket + "/" + prefix, e);
    }
    Collections.sort(keys);
    return keys;
  }

  /**
   * Deletes the keys of {@code bucket} in DeleteObjects batches (up to 1,000 keys each) and returns
   * how many requests it took. Keys that do not exist count as deleted.
   */
  public int deleteKeys(String bucket, List<String> keys) throws IOException {
    int requests = 0;
    for (int from = 0; from < keys.size(); from += deleteBatch) {
      List<ObjectIdentifier> ids = new ArrayList<>();
      for (String k : keys.subList(from, Math.min(keys.size(), from + deleteBatch))) {
        ids.add(ObjectIdentifier.builder().key(k).build());
      }
      DeleteObjectsResponse r;
      try {
        r =
            client()
                .deleteObjects(
                    b ->
                        b.bucket(bucket)
                            .delete(Delete.builder().objects(ids).quiet(true).build())
                            .requestPayer(payer()));
      } catch (SdkException e) {
        throw wrap(
            "cannot delete " + ids.size() + " keys (from '" + ids.get(0).key() + "') of",
            "s3://" + bucket + "/",
            e);
      }
      requests++;
      if (r.hasErrors() && !r.errors().isEmpty()) {
        var first = r.errors().get(0);
        throw new IOException(
            "cannot delete "
                + r.errors().size()
                + " of "
                + ids.size()
                + " keys of s3://"
                + bucket
                + "/, first s3://"
                + bucket
                + "/"
                + first.key()
                + ": "
                + first.code()
                + " "
                + first.message());
      }
    }
    return requests;
  }

  private static boolean isNotFound(SdkException e) {
    return e instanceof S3Exception && ((S3Exception) e).statusCode() == 404;
  }

  private static boolean isNoSuchBucket(SdkException e) {
    return e instanceof S3Exception
        && ((S3Exception) e).awsErrorDetails() != null
        && "NoSuchBucket".equals(((S3Exception) e).awsErrorDetails().errorCode());
  }

  /** Whether the SDK found no credentials to sign with (its chain, or a profile without any). */
  private static boolean noCredentials(SdkException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.startsWith("Unable to load credentials")
        || m.contains("contained no credentials for profile");
  }

  /** An IOException naming the operation, the URL and the S3 error (never any credentials). */
  private IOException wrap(String what, String url, SdkException e) {
    StringBuilder m = new StringBuilder(what).append(' ').append(url).append(": ");
    if (e instanceof S3Exception) {
      S3Exception s = (S3Exception) e;
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      String msg = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      m.append("HTTP ").append(s.statusCode());
      if (code != null) {
        m.append(' ').append(code);
      }
      if (msg != null) {
        m.append(" (").append(msg).append(')');
      }
      if ("NoSuchBucket".equals(code)) {
        m.append("; the bucket does not exist");
      } else if (s.statusCode() == 403) {
        m.append("; check the credentials (").append(settings.credentials().describe()).append(')');
        if (!settings.requesterPays()) {
          m.append(" and, for a requester-pays bucket, enable requester pays");
        }
      } else if (s.statusCode() == 301) {
        m.append("; the bucket is in another region than ")
            .append(settings.region() == null ? "the default one" : settings.region());
      }
    } else if (e instanceof SdkClientException && noCredentials(e)) {
      m.append("no S3 credentials were found (")
          .append(settings.credentials().describe())
          .append("); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose credentials with")
          .append(
              " --s3-credentials (profile:NAME, earthdata:DAAC) or s3.credentials in the config");
    } else if (e instanceof SdkClientException) {
      m.append(e.getMessage());
    } else {
      m.append(e.getMessage());
    }
    if (e.numAttempts() != null && e.numAttempts() > 1) {
      m.append(" [after ").append(e.numAttempts()).append(" attempts]");
    }
    return new IOException(m.toString(), e);
  }
}
