package org.magg.transforms.temporal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.NonMergingWindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowMappingFn;

/**
 * Assigns each {@link EventStep} to the window of its event. The steps were made for the events
 * alive at their timestep, so each goes to exactly one window; the window closes at the event's end
 * (plus the precipitation extension), which is when a streaming pipeline emits the event's result.
 */
public final class EventWindows extends NonMergingWindowFn<EventStep, EventWindow> {
  private static final long serialVersionUID = 1L;

  private final TreeMap<String, EventWindow> windows;

  private EventWindows(TreeMap<String, EventWindow> windows) {
    this.windows = windows;
  }

  /** The windows of these events. */
  public static EventWindows of(Collection<EventWindow> windows) {
    TreeMap<String, EventWindow> byId = new TreeMap<>();
    for (EventWindow w : windows) {
      if (byId.put(w.eventId(), w) != null) {
        throw new IllegalArgumentException("event id " + w.eventId() + " appears twice");
      }
    }
    return new EventWindows(byId);
  }

  /** The window of an event, or null. */
  public EventWindow window(String eventId) {
    return windows.get(eventId);
  }

  public Map<String, EventWindow> windows() {
    return java.util.Collections.unmodifiableMap(windows);
  }

  @Override
  public Collection<EventWindow> assignWindows(AssignContext c) {
    String id = c.element().eventId();
    EventWindow w = windows.get(id);
    if (w == null) {
      throw new IllegalArgumentException("no event window for event " + id);
    }
    return List.of(w);
  }

  @Override
  public boolean assignsToOneWindow() {
    return true;
  }

  @Override
  public boolean isCompatible(WindowFn<?, ?> other) {
    return other instanceof EventWindows e && e.windows.equals(windows);
  }

  @Override
  public Coder<EventWindow> windowCoder() {
    return EventWindow.coder();
  }

  @Override
  public WindowMappingFn<EventWindow> getDefaultWindowMappingFn() {
    throw new UnsupportedOperationException("event windows cannot be used for side inputs");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventWindows e && e.windows.equals(windows);
  }

  @Override
  public int hashCode() {
    return windows.hashCode();
  }
}
