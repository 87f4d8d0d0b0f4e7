package org.magg.io.zarr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link ZarrStore} kept in memory; handy for tests and small intermediate results. */
public final class InMemoryZarrStore implements ZarrStore {

  private final ConcurrentSkipListMap<String, byte[]> entries = new ConcurrentSkipListMap<>();
  private final String name;

  /** Creates an empty store. */
  public InMemoryZarrStore() {
    this("memory");
  }

  /** Creates an empty store whose {@link #location()} is {@code name}. */
  public InMemoryZarrStore(String name) {
    this.name = name;
  }

  @Override
  public byte[] get(String key) {
    byte[] value = entries.get(StoreKeys.checkKey(key));
    return value == null ? null : value.clone();
  }

  @Override
  public void put(String key, byte[] value) {
    entries.put(StoreKeys.checkKey(key), value.clone());
  }

  @Override
  public boolean exists(String key) {
    return entries.containsKey(StoreKeys.checkKey(key));
  }

  @Override
  public void delete(String key) {
    entries.remove(StoreKeys.checkKey(key));
  }

  @Override
  public void deletePrefix(String prefix) {
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      keys.add(e.getKey());
    }
    return keys;
  }

  @Override
  public String location() {
    return name;
  }

  @Override
  public String toString() {
    return "InMemoryZarrStore[" + name + ", " + entries.size() + " keys]";
  }
}
