package org.magg.pipelines.runners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.magg.core.Json;

/**
 * One reading of a running job, as the progress line shows it: items done of their totals, a rate,
 * the errors so far, the elapsed and the remaining time. The three forms (a terminal line, a plain
 * log line, a JSON object) are made here and nowhere else.
 *
 * <p>The remaining time is {@code elapsed * (1 - f) / f}, where {@code f} is the mean over the
 * items with a known total of {@code min(1, done / total)}; unknown (no figure shown) while {@code
 * f} is 0 or no item has a total.
 *
 * @param label what runs ({@code spatial}, {@code temporal}, ...)
 * @param items the counted items, the headline first
 * @param rateUnit what the rate counts ({@code points}, {@code timesteps}), or null for no rate
 * @param rateAmount how many of them so far
 * @param errors the errors so far, or -1 when not known (no metrics)
 * @param elapsedSeconds time since the run started
 * @param measured whether the figures come from the job's metrics (else only the elapsed time is
 *     known: the runner gives no metrics while it runs)
 */
record ProgressLine(
    String label,
    List<Item> items,
    String rateUnit,
    long rateAmount,
    long errors,
    double elapsedSeconds,
    boolean measured) {

  /**
   * A counted item.
   *
   * @param unit what is counted ({@code cells})
   * @param done how many are done
   * @param total how many there are, or -1 when not known ahead
   */
  record Item(String unit, long done, long total) {}

  ProgressLine {
    items = List.copyOf(items);
  }

  /** Items per second of the rate's unit over the elapsed time; NaN without a rate or time. */
  double rate() {
    if (rateUnit == null || !measured || elapsedSeconds <= 0) {
      return Double.NaN;
    }
    return rateAmount / elapsedSeconds;
  }

  /** Seconds left by the formula of the class comment; NaN when not known. */
  double etaSeconds() {
    if (!measured) {
      return Double.NaN;
    }
    double sum = 0;
    int known = 0;
    for (Item i : items) {
      if (i.total() > 0) {
        sum += Math.min(1.0, (double) i.done() / i.total());
        known++;
      } else if (i.total() == 0) {
        sum += 1.0;
        known++;
      }
    }
    if (known == 0 || sum <= 0) {
      return Double.NaN;
    }
    double f = sum / known;
    return elapsedSeconds * (1 - f) / f;
  }

  /** The parts of the line, in order: items, rate, errors, elapsed, remaining. */
  private List<String> parts(String left) {
    List<String> parts = new ArrayList<>();
    if (!measured) {
      parts.add("running");
    } else {
      for (Item i : items) {
        parts.add(
            i.unit() + " " + count(i.done()) + (i.total() >= 0 ? "/" + count(i.total()) : ""));
      }
      double r = rate();
      if (!Double.isNaN(r)) {
        parts.add(amount(r) + " " + rateUnit + "/s");
      }
      parts.add(count(errors) + (errors == 1 ? " error" : " errors"));
    }
    parts.add(duration(elapsedSeconds) + " elapsed");
    double eta = etaSeconds();
    if (!Double.isNaN(eta)) {
      parts.add(left + duration(eta) + " left");
    }
    return parts;
  }

  /** The line a terminal shows, cut to {@code width - 1} and padded to it (clears the rest). */
  String terminal(int width) {
    String text = label + "  " + String.join("  ", parts("~"));
    int room = Math.max(1, width - 1);
    if (text.length() > room) {
      text = text.substring(0, room);
    }
    return text + " ".repeat(room - text.length());
  }

  /** The line written to a log or pipe. */
  String plain() {
    return "magg: " + label + ": " + String.join(", ", parts("about "));
  }

  /**
   * One JSON object: {@code event, label, done, total, unit} (of the headline item), {@code rate,
   * rate_unit, errors, elapsed_s, eta_s, items}; unknown figures are null.
   *
   * @param last whether this is the run's last report
   */
  String json(boolean last) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("event", "progress");
    o.put("label", label);
    Item head = measured && !items.isEmpty() ? items.get(0) : null;
    if (head == null) {
      o.putNull("done");
      o.putNull("total");
      o.put("unit", items.isEmpty() ? null : items.get(0).unit());
    } else {
      o.put("done", head.done());
      putCount(o, "total", head.total());
      o.put("unit", head.unit());
    }
    putNumber(o, "rate", round3(rate()));
    o.put("rate_unit", rateUnit);
    if (measured) {
      o.put("errors", errors);
    } else {
      o.putNull("errors");
    }
    o.put("elapsed_s", round3(elapsedSeconds));
    putNumber(o, "eta_s", round3(etaSeconds()));
    ArrayNode list = o.putArray("items");
    if (measured) {
      for (Item i : items) {
        ObjectNode n = list.addObject();
        n.put("unit", i.unit());
        n.put("done", i.done());
        putCount(n, "total", i.total());
      }
    }
    o.put("final", last);
    try {
      return Json.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a progress object: " + Json.problem(e), e);
    }
  }

  private static void putCount(ObjectNode o, String name, long v) {
    if (v < 0) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }

  private static void putNumber(ObjectNode o, String name, double v) {
    if (Double.isNaN(v)) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }

  private static double round3(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
  }

  /** A count with thousands separators: {@code 12,345}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * An amount in three significant figures with a k/M/G suffix: {@code 0.25}, {@code 7.5}, {@code
   * 123}, {@code 12.3k}, {@code 1.23M}, {@code 4.56G}.
   */
  static String amount(double v) {
    String[] suffixes = {"", "k", "M", "G", "T"};
    int s = 0;
    while (Math.abs(v) >= 999.5 && s < suffixes.length - 1) {
      v /= 1000;
      s++;
    }
    String digits;
    double a = Math.abs(v);
    if (a >= 99.95) {
      digits = String.format(Locale.ROOT, "%.0f", v);
    } else if (a >= 9.995) {
      digits = String.format(Locale.ROOT, "%.1f", v);
    } else {
      digits = String.format(Locale.ROOT, "%.2f", v);
    }
    return digits + suffixes[s];
  }

  /** Whole seconds as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String duration(double seconds) {
    long t = Math.round(Math.max(0, seconds));
    long h = t / 3600;
    long m = (t % 3600) / 60;
    long s = t % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
