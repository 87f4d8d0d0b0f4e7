package org.magg.transforms.historical;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.magg.core.Json;

/**
 * The coder of the small per-day records ({@link DayTask}, {@link DayResult}): their JSON, written
 * by Jackson with the record's fixed field order, as a length-prefixed byte array. Deterministic:
 * equal records give equal bytes.
 */
final class JsonCoder<T> extends CustomCoder<T> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = Json.mapper();

  private final Class<T> type;

  private JsonCoder(Class<T> type) {
    this.type = type;
  }

  static <T> JsonCoder<T> of(Class<T> type) {
    return new JsonCoder<>(type);
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    ByteArrayCoder.of().encode(JSON.writeValueAsBytes(value), out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    return JSON.readValue(ByteArrayCoder.of().decode(in), type);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonCoder<?> c && c.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }
}
