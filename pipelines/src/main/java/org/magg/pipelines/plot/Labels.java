package org.magg.pipelines.plot;

import java.util.Locale;

/** Numbers and texts as the plots print them. */
final class Labels {
  private Labels() {}

  /** Up to 4 significant digits, trailing zeros dropped: 0.25, 1610, 4.5e-05. */
  static String number(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    String s =
        a >= 1e-3 && a < 1e6
            ? String.format(Locale.ROOT, "%.4g", v)
            : String.format(Locale.ROOT, "%.3e", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return mantissa + (e < 0 ? "" : s.substring(e));
  }
}
