package org.magg.io.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only {@link SeekableByteChannel} over one S3 object, read with ranged GETs of whole blocks
 * and a small LRU cache of blocks, so that a reader that seeks (an HDF5 library reading a few
 * datasets) fetches the blocks it touches rather than the whole object. A read spanning several
 * missing blocks fetches them in one request. The object's size and ETag come from the first
 * response; later reads send {@code If-Match}, so an object replaced while it is read fails the
 * read instead of mixing two versions.
 *
 * <p>{@link #bytesFetched()} and {@link #requests()} say what it cost.
 */
public final class S3ReadChannel implements SeekableByteChannel {
  /** One ranged GET fetches at most this many bytes. */
  static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  /** Fetches of at most this many blocks are cached whole; longer ones keep their end blocks. */
  static final int CACHE_ALL_BLOCKS_UP_TO = 4;

  private final S3Objects objects;
  private final S3Location location;
  private final int blockSize;
  private final Map<Long, byte[]> cache;

  private long position;
  private long size = -1;
  private String etag;
  private boolean open = true;
  private long bytesFetched;
  private int requests;

  S3ReadChannel(S3Objects objects, S3Location location, int blockSize, int cachedBlocks) {
    if (blockSize < 1 || cachedBlocks < 1) {
      throw new IllegalArgumentException(
          "block size and cached blocks must be positive, got " + blockSize + ", " + cachedBlocks);
    }
    this.objects = objects;
    this.location = location;
    this.blockSize = blockSize;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > cachedBlocks;
          }
        };
  }

  /** The object read. */
  public S3Location location() {
    return location;
  }

  /** Bytes received from S3 so far. */
  public synchronized long bytesFetched() {
    return bytesFetched;
  }

  /** Ranged GET requests made so far (retries of one request count once). */
  public synchronized int requests() {
    return requests;
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (!dst.hasRemaining()) {
      return 0;
    }
    long total = size();
    if (position >= total) {
      return -1;
    }
    int read = 0;
    while (dst.hasRemaining() && position < total) {
      long block = position / blockSize;
      byte[] bytes = cache.get(block);
      long bytesStart = block * blockSize;
      if (bytes == null) {
        // Fetch this block and the following missing blocks the read still needs, in one GET.
        long lastNeeded = Math.min(position + dst.remaining() - 1, total - 1) / blockSize;
        long last = block;
        while (last < lastNeeded
            && (last - block + 2) * (long) blockSize <= MAX_REQUEST_BYTES
            && !cache.containsKey(last + 1)) {
          last++;
        }
        bytes = fetch(block, last);
      }
      int offset = (int) (position - bytesStart);
      if (offset >= bytes.length) {
        break; // the object is shorter than its first response said
      }
      int n = Math.min(dst.remaining(), bytes.length - offset);
      dst.put(bytes, offset, n);
      position += n;
      read += n;
    }
    return read == 0 ? -1 : read;
  }

  /**
   * Fetches blocks {@code first..last} in one ranged GET and returns their bytes. Short fetches are
   * cached block by block; of a long one (bulk data) only the two end blocks are kept, which
   * neighbouring small reads may need, so that bulk data does not push metadata out of the cache.
   */
  private byte[] fetch(long first, long last) throws IOException {
    long start = first * blockSize;
    long end = (last + 1) * blockSize;
    if (size >= 0) {
      end = Math.min(end, size);
    }
    S3Objects.Range r = objects.readRange(location, start, (int) (end - start), etag);
    requests++;
    bytesFetched += r.bytes().length;
    if (size < 0) {
      size = r.objectSize();
      etag = r.etag();
    } else if (r.objectSize() != size) {
      throw new IOException(
          location.url()
              + " changed while it was being read (its size went from "
              + size
              + " to "
              + r.objectSize()
              + " bytes)");
    }
    byte[] all = r.bytes();
    long blocks = (all.length + (long) blockSize - 1) / blockSize;
    for (long i = 0; i < blocks; i++) {
      if (blocks > CACHE_ALL_BLOCKS_UP_TO && i != 0 && i != blocks - 1) {
        continue;
      }
      int from = (int) (i * blockSize);
      int to = (int) Math.min(all.length, from + (long) blockSize);
      cache.put(first + i, java.util.Arrays.copyOfRange(all, from, to));
    }
    return all;
  }

  @Override
  public synchronized long size() throws IOException {
    ensureOpen();
    if (size < 0) {
      // The first block also tells the size (from Content-Range); readers start there anyway.
      fetch(0, 0);
    }
    return size;
  }

  @Override
  public synchronized long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public synchronized SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized void close() {
    open = false;
    cache.clear();
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }

  @Override
  public String toString() {
    return "S3ReadChannel[" + location.url() + "]";
  }
}
