package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.magg.core.Json;
import org.magg.io.storage.Storage;

/**
 * Describes a DA run directory ({@code magg da lorenz96 --output}): the experiment's settings and
 * scores from {@code result.json}, and the rows and span of the RMSE series {@code rmse.csv}.
 */
final class DaRunInspector {
  private DaRunInspector() {}

  static Inspection inspect(String dir, Storage storage) throws IOException {
    ObjectNode json = Inspection.start(OutputKind.DA_RUN, dir);
    CsvTable rmse = CsvTable.read(Storage.join(dir, "rmse.csv"), storage);
    double[] t = rmse.doubles("t");
    json.put("rows", rmse.size());
    StringBuilder text = new StringBuilder("DA run ").append(dir).append(": ");
    text.append(rmse.size()).append(" analysis times in rmse.csv");
    if (t.length > 0) {
      json.put("t_first", t[0]);
      json.put("t_last", t[t.length - 1]);
      text.append(", t from ")
          .append(ValueRange.number(t[0]))
          .append(" to ")
          .append(ValueRange.number(t[t.length - 1]));
    }
    text.append('\n');
    String result = Storage.join(dir, "result.json");
    if (storage.exists(result)) {
      JsonNode r = Json.mapper().readTree(storage.read(result));
      json.set("result", r);
      Table tab = new Table(false);
      r.fields().forEachRemaining(e -> tab.row(e.getKey(), e.getValue().asText()));
      text.append("result.json:\n").append(tab.render("  "));
    }
    return new Inspection(OutputKind.DA_RUN, dir, json, text.toString());
  }
}
