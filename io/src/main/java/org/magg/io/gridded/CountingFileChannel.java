package org.magg.io.gridded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only file channel that counts the bytes read or mapped through it, so a source can report
 * how much of a file it touched.
 */
final class CountingFileChannel extends FileChannel {
  private final FileChannel delegate;
  private final AtomicLong bytes = new AtomicLong();

  CountingFileChannel(FileChannel delegate) {
    this.delegate = delegate;
  }

  long bytesRead() {
    return bytes.get();
  }

  /** Takes back bytes that were mapped but not read (a lookup that maps lazily). */
  void discount(long n) {
    bytes.addAndGet(-n);
  }

  private int count(int n) {
    if (n > 0) {
      bytes.addAndGet(n);
    }
    return n;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return count(delegate.read(dst));
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long n = delegate.read(dsts, offset, length);
    if (n > 0) {
      bytes.addAndGet(n);
    }
    return n;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return count(delegate.read(dst, position));
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    MappedByteBuffer b = delegate.map(mode, position, size);
    bytes.addAndGet(size);
    return b;
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public int write(ByteBuffer src, long position) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public FileChannel truncate(long size) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    long n = delegate.transferTo(position, count, target);
    bytes.addAndGet(Math.max(0, n));
    return n;
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
