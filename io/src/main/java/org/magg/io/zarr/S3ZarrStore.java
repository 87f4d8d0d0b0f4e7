package org.magg.io.zarr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;

/**
 * A {@link ZarrStore} in an S3 bucket: key {@code a/b/c} of the store at {@code
 * s3://bucket/out.zarr} is the object {@code out.zarr/a/b/c}. Each value is written by a single PUT
 * that replaces the whole object, so a reader never sees a partial value and a repeated (retried)
 * write is harmless. Listing follows every page; {@link #deletePrefix} deletes in batched
 * DeleteObjects requests.
 */
public final class S3ZarrStore implements ZarrStore {
  private final S3Location root;
  private final String prefix;
  private final S3Objects objects;

  /** The store at {@code root} ({@code s3://bucket/path}), reached with {@code settings}. */
  public S3ZarrStore(S3Location root, S3Settings settings) {
    this(root, S3Objects.of(settings));
  }

  /** The store at {@code root}, reached through {@code objects}. */
  public S3ZarrStore(S3Location root, S3Objects objects) {
    this.root = root;
    this.prefix = root.keyPrefix();
    this.objects = objects;
  }

  /** Where the store is: the bucket and the key prefix of its objects. */
  public S3Location root() {
    return root;
  }

  private S3Location object(String key) {
    return new S3Location(root.bucket(), prefix + StoreKeys.checkKey(key));
  }

  @Override
  public byte[] get(String key) throws IOException {
    return objects.readIfExists(object(key));
  }

  @Override
  public void put(String key, byte[] value) throws IOException {
    objects.write(object(key), value);
  }

  @Override
  public boolean exists(String key) throws IOException {
    return objects.exists(object(key));
  }

  @Override
  public void delete(String key) throws IOException {
    objects.delete(object(key));
  }

  @Override
  public void deletePrefix(String keyPrefix) throws IOException {
    List<String> full = new ArrayList<>();
    for (String k : list(keyPrefix)) {
      full.add(prefix + k);
    }
    objects.deleteKeys(root.bucket(), full);
  }

  @Override
  public List<String> list(String keyPrefix) throws IOException {
    List<String> keys = new ArrayList<>();
    for (String k : objects.listKeys(root.bucket(), prefix + keyPrefix)) {
      String rel = k.substring(prefix.length());
      // Zero-byte "folder" markers some tools create are not store keys.
      if (!rel.isEmpty() && !rel.endsWith("/")) {
        keys.add(rel);
      }
    }
    return keys;
  }

  @Override
  public String location() {
    return "s3://" + root.bucket() + "/" + prefix;
  }

  @Override
  public String toString() {
    return "S3ZarrStore[" + location() + "]";
  }
}
