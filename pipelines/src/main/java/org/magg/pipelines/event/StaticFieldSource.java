package org.magg.pipelines.event;

import java.util.Map;
import org.magg.io.temporal.StaticData;
import org.magg.transforms.event.DetectionExpression;

/**
 * The threshold fields of a detection expression, read through the run's {@link StaticData} (once
 * per worker JVM): each reference as written maps to its resolved file and variable.
 */
final class StaticFieldSource implements DetectionExpression.FieldSource {
  private static final long serialVersionUID = 1L;

  private final StaticData statics;
  private final Map<String, String[]> files;

  StaticFieldSource(StaticData statics, Map<String, String[]> files) {
    this.statics = statics;
    this.files = Map.copyOf(files);
  }

  @Override
  public double[] field(DetectionExpression.FieldRef ref, int month) {
    String[] fv = files.get(ref.reference());
    if (fv == null) {
      throw new IllegalArgumentException("no threshold field " + ref.text());
    }
    return ref.monthly() ? statics.monthly(fv[0], fv[1], month) : statics.field(fv[0], fv[1]);
  }
}
