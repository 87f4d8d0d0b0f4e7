package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.CubeCatalog;
import org.magg.io.engine.TileRecord;
import org.magg.io.storage.Storage;

/**
 * Describes an engine cube root (local): the variables its SQLite catalog registers (kind, type,
 * units, merge policy, tiles recorded and the runs that wrote them) and each variable's Zarr store
 * as {@link ZarrInspector} describes it.
 */
final class CubeInspector {
  private CubeInspector() {}

  static Inspection inspect(String root, Storage storage, boolean ranges) throws IOException {
    if (Storage.isS3(root)) {
      throw new IllegalArgumentException(
          root + ": an engine cube is inspected locally (its catalog is a SQLite file)");
    }
    ObjectNode json = Inspection.start(OutputKind.CUBE, root);
    Path dir = Storage.localPath(root);
    StringBuilder text = new StringBuilder();
    StringBuilder stores = new StringBuilder();
    ArrayNode vars = json.putArray("variables");
    Table t = new Table().row("variable", "kind", "dtype", "units", "merge", "tiles", "runs");
    List<String> names;
    try (CubeCatalog catalog = CubeCatalog.open(dir.resolve(CubeCatalog.FILE_NAME))) {
      json.put("schema_version", catalog.schemaVersion());
      names = catalog.variableNames();
      for (String name : names) {
        Optional<VarSpec> spec = catalog.variable(name);
        List<TileRecord> tiles = catalog.tiles(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long runs = tiles.stream().map(TileRecord::runId).distinct().count();
        ObjectNode v = vars.addObject();
        v.put("name", name);
        spec.ifPresent(
            s -> {
              v.put("kind", s.kind().toString());
              v.put("dtype", s.dtype().toString());
              v.put("units", s.units());
              v.put("merge_policy", s.effectiveMergePolicy().toString());
            });
        v.put("tiles", tiles.size());
        v.put("runs", runs);
        t.row(
            name,
            spec.map(s -> s.kind().toString()).orElse(""),
            spec.map(s -> s.dtype().toString()).orElse(""),
            spec.map(VarSpec::units).orElse(""),
            spec.map(s -> s.effectiveMergePolicy().toString()).orElse(""),
            tiles.size(),
            runs);
        Path store = dir.resolve(name + ".zarr");
        if (Files.isDirectory(store)) {
          Inspection z = ZarrInspector.inspect(store.toString(), storage, ranges);
          v.set("store", z.json());
          stores.append(z.text());
        }
      }
    }
    text.append("Engine cube ")
        .append(root)
        .append(": ")
        .append(names.size())
        .append(" variables\n")
        .append(t.render("  "))
        .append(stores);
    return new Inspection(OutputKind.CUBE, root, json, text.toString());
  }
}
