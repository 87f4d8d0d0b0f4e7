// The engine from Java: a cube of per-variable Zarr stores filled by producers declared as
// objects, two reading NetCDF files (written here first) and one computing a per-cell
// expression from their variables. The second run finds the cube up to date and skips all three.
//
//   java -cp target/magg-beam-bundled.jar examples/EngineExample.java [WORK_DIR]
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.magg.core.engine.Axis;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.netcdf.NetcdfClassicWriter;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.EngineConfig;
import org.magg.pipelines.engine.EngineRunOptions;
import org.magg.pipelines.engine.EngineSummary;
import org.magg.transforms.engine.ExpressionProducer;
import org.magg.transforms.engine.FileProducer;
import org.magg.transforms.engine.Producer;

public class EngineExample {
  static final int NLAT = 8, NLON = 12, STEPS = 4;

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "output/examples/engine").toAbsolutePath();
    if (Files.exists(work)) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Path inputs = Files.createDirectories(work.resolve("inputs"));
    writeInputs(inputs);

    // 8 x 12 cells of half a degree, 4 hourly steps, tiles of 4 x 6 cells (2 x 2 tiles).
    CubeGrid grid =
        new CubeGrid(
            new Axis(30.0, 0.5, NLAT),
            new Axis(-120.0, 0.5, NLON),
            new TimeAxis(Instant.parse("2021-07-01T00:00:00Z"), Duration.ofHours(1), STEPS),
            4,
            6);
    VarSpec elevation = VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT32, "m");
    VarSpec temperature = VarSpec.of("temperature", VarKind.TIME, VarDtype.FLOAT32, "K");
    VarSpec heat = VarSpec.of("heat_index", VarKind.TIME, VarDtype.FLOAT64, "K");
    ProducerCapabilities whole = ProducerCapabilities.defaults();
    ProducerCapabilities perTile =
        new ProducerCapabilities(0, true, false, false, false, whole.costHint(), 0);
    List<Producer> producers =
        List.of(
            new FileProducer(
                "dem", elevation, "inputs/dem.nc#z", inputs.resolve("dem.nc").toString(), "z",
                whole, 1, Duration.ZERO),
            new FileProducer(
                "temps", temperature, "inputs/t2m.nc#t2m", inputs.resolve("t2m.nc").toString(),
                "t2m", whole, 1, Duration.ZERO),
            ExpressionProducer.of(
                "heat",
                "temperature - 0.0065 * elevation",
                DataAdapter.of(
                    DataNeed.of("elevation", VarKind.STATIC),
                    DataNeed.of("temperature", VarKind.TIME)),
                heat,
                perTile,
                1,
                Duration.ZERO));
    String root = work.resolve("cube").toString();
    EngineConfig config = EngineConfig.of(new EngineConfig.CubeSettings(root, 3, grid), producers);
    EngineRunOptions options =
        EngineRunOptions.defaults().withPipelineArgs(List.of("--runner=DirectRunner"));

    EngineSummary first = Magg.run(config, options);
    System.out.print(first.toText());
    EngineSummary second = Magg.run(config, options);
    System.out.print(second.toText());

    // heat_index at t = 3, cell (5, 7): temperature 280 + 3 + 0.5 * 5 + 0.25 * 7 = 287.25 K,
    // elevation 100 * 5 + 7 = 507 m, so 287.25 - 0.0065 * 507 = 283.9545 K.
    double value;
    try (Cube cube = Cube.open(Path.of(root), grid, 3, new ArrayList<>(config.variables().values()))) {
      Field f = cube.read("heat_index", grid.whole());
      value = f.at(3, 5, 7);
    }
    System.out.printf("heat_index at t=3, cell (5, 7): %.4f K%n", value);

    boolean ok =
        first.exitCode() == 0
            && first.count("ran") == 3
            && second.exitCode() == 0
            && second.count("skipped") == 3
            && Math.abs(value - 283.9545) < 1e-9;
    if (!ok) {
      System.err.println("the engine did not run then skip as expected");
      System.exit(1);
    }
  }

  /** dem.nc: z(lat, lon) = 100 i + j; t2m.nc: t2m(time, lat, lon) = 280 + t + 0.5 i + 0.25 j. */
  static void writeInputs(Path dir) throws Exception {
    double[] z = new double[NLAT * NLON];
    double[] t2m = new double[STEPS * NLAT * NLON];
    for (int i = 0; i < NLAT; i++) {
      for (int j = 0; j < NLON; j++) {
        z[i * NLON + j] = 100 * i + j;
        for (int t = 0; t < STEPS; t++) {
          t2m[(t * NLAT + i) * NLON + j] = 280 + t + 0.5 * i + 0.25 * j;
        }
      }
    }
    NetcdfClassicWriter dem = coordinates();
    dem.doubleVariable("z", List.of("lat", "lon"), z).attribute("units", "m");
    write(dem, dir.resolve("dem.nc"));
    NetcdfClassicWriter temps = coordinates().dimension("time", STEPS);
    temps.doubleVariable("time", List.of("time"), new double[] {0, 1, 2, 3})
        .attribute("units", "hours since 2021-07-01 00:00:00");
    temps.doubleVariable("t2m", List.of("time", "lat", "lon"), t2m).attribute("units", "K");
    write(temps, dir.resolve("t2m.nc"));
  }

  /** The lat and lon coordinate variables: the cube's cell centres. */
  static NetcdfClassicWriter coordinates() {
    NetcdfClassicWriter w = new NetcdfClassicWriter().dimension("lat", NLAT).dimension("lon", NLON);
    double[] lat = new double[NLAT];
    double[] lon = new double[NLON];
    for (int i = 0; i < NLAT; i++) {
      lat[i] = 30.0 + 0.5 * i;
    }
    for (int j = 0; j < NLON; j++) {
      lon[j] = -120.0 + 0.5 * j;
    }
    w.doubleVariable("lat", List.of("lat"), lat).attribute("units", "degrees_north");
    w.doubleVariable("lon", List.of("lon"), lon).attribute("units", "degrees_east");
    return w;
  }

  static void write(NetcdfClassicWriter w, Path file) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      w.write(out);
    }
  }
}
