package org.magg.pipelines.cli;

import java.util.concurrent.Callable;
import org.magg.io.zarr.ZarrStoreDiff;
import org.magg.io.zarr.ZarrStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code magg compare STORE STORE}: whether two Zarr stores hold the same hierarchy, metadata and
 * values (for example the outputs of one config on two runners). Exit 0 when identical, 1 with the
 * differences listed otherwise.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compare two Zarr stores: groups, arrays, attributes, shapes, data types and every value."
            + " Exit 0 when identical, 1 otherwise.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STORE", description = "The first store.")
  String first;

  @Parameters(index = "1", paramLabel = "STORE", description = "The second store.")
  String second;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ZarrStoreDiff.Result r = ZarrStoreDiff.compare(ZarrStores.open(first), ZarrStores.open(second));
    var out = spec.commandLine().getOut();
    for (String d : r.differences()) {
      out.println(d);
    }
    out.println(first + " vs " + second + ": " + r.toText());
    out.flush();
    return r.identical() ? MaggCli.OK : MaggCli.SOME_FAILED;
  }
}
