// The spatial pipeline from Java, as a notebook user calls it: generate a small ATL06-layout
// sample (a granule catalog and its granules), bin it into HEALPix cells with the built-in atl06
// config on the Direct runner, and look at what was written.
//
//   java -cp target/magg-beam-bundled.jar examples/SpatialExample.java [WORK_DIR]
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.magg.pipelines.Magg;
import org.magg.pipelines.samples.SampleData;
import org.magg.pipelines.spatial.RunOptions;
import org.magg.pipelines.spatial.RunSummary;

public class SpatialExample {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "output/examples/spatial");

    // A catalog (parent cell -> granule files) and its granules: 2 parent cells here.
    SampleData.Result sample = SampleData.generate(work.resolve("sample"), SampleData.Spec.defaults());
    System.out.printf("sample: %d granules, %,d points%n", sample.granules().size(), sample.points());

    // Bin the points into child cells and write an xdggs-style Zarr store.
    Path store = work.resolve("cells.zarr");
    RunSummary summary =
        Magg.run(
            Magg.defaultConfig("atl06"),
            RunOptions.defaults()
                .withCatalog(sample.catalog().toString())
                .withStore(store.toString())
                .withOverwrite(true)
                .withPipelineArgs(List.of("--runner=DirectRunner")));
    System.out.print(summary.toText());

    // The store is a Zarr group; xarray / xdggs open it as it is.
    boolean written = Files.exists(store.resolve("zarr.json")) || Files.exists(store.resolve(".zgroup"));
    if (!written || summary.exitCode() != 0) {
      System.err.println("the spatial example did not write " + store);
      System.exit(1);
    }
    System.out.println("store: " + store);
  }
}
