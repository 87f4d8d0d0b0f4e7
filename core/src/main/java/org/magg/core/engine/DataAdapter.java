package org.magg.core.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The variables a producer reads, each once, in the order given. */
public final class DataAdapter implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final DataAdapter NONE = new DataAdapter(List.of());

  private final List<DataNeed> needs;
  private final Map<String, DataNeed> byName;

  /**
   * @throws IllegalArgumentException if a need is null or two needs have the same name
   */
  public DataAdapter(List<DataNeed> needs) {
    Objects.requireNonNull(needs, "needs");
    Map<String, DataNeed> map = new LinkedHashMap<>();
    for (int i = 0; i < needs.size(); i++) {
      DataNeed n = needs.get(i);
      if (n == null) {
        throw new IllegalArgumentException("need " + (i + 1) + " of " + needs.size() + " is null");
      }
      if (map.putIfAbsent(n.name(), n) != null) {
        throw new IllegalArgumentException(
            "need '" + n.name() + "' is listed twice; list each variable once");
      }
    }
    this.needs = Collections.unmodifiableList(new ArrayList<>(needs));
    this.byName = Collections.unmodifiableMap(map);
  }

  /** A producer that reads nothing (a source). */
  public static DataAdapter none() {
    return NONE;
  }

  /** Needs in the order given. */
  public static DataAdapter of(DataNeed... needs) {
    return new DataAdapter(List.of(needs));
  }

  public List<DataNeed> needs() {
    return needs;
  }

  /** The names of the needs, in order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  public Optional<DataNeed> need(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public boolean isEmpty() {
    return needs.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataAdapter a && a.needs.equals(needs);
  }

  @Override
  public int hashCode() {
    return needs.hashCode();
  }

  @Override
  public String toString() {
    return "DataAdapter" + needs;
  }
}
