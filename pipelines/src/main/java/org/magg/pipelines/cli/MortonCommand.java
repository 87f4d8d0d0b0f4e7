package org.magg.pipelines.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.magg.core.grid.GeoCoordinates;
import org.magg.core.grid.Healpix;
import org.magg.core.grid.Morton;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code magg morton encode|decode|children|parent}: Morton / HEALPix cell arithmetic. */
@Command(
    name = "morton",
    mixinStandardHelpOptions = true,
    description = "Morton (mortie-compatible) and HEALPix nested cell indices.",
    subcommands = {
      MortonCommand.Encode.class,
      MortonCommand.Decode.class,
      MortonCommand.Children.class,
      MortonCommand.Parent.class
    })
final class MortonCommand {

  @Command(
      name = "encode",
      mixinStandardHelpOptions = true,
      description =
          "Morton index of LAT LON (degrees, latitude in [-90, 90], longitude in [-180, 360]);"
              + " with no coordinates, reads 'LAT LON' lines from standard input and prints one"
              + " index a line.")
  static final class Encode implements Callable<Integer> {
    @Option(names = "--order", required = true, description = "Order, 0 to 18.")
    int order;

    @Parameters(arity = "0..2", paramLabel = "LAT LON", description = "Latitude and longitude.")
    double[] coords;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      if (coords != null && coords.length == 2) {
        GeoCoordinates.check(coords[0], coords[1]);
        out.println(Morton.encode(coords[0], coords[1], order));
        return MaggCli.OK;
      }
      if (coords != null && coords.length == 1) {
        throw new IllegalArgumentException("give both LAT and LON, or neither to read stdin");
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] parts = t.split("[\\s,]+");
        if (parts.length != 2) {
          throw new IllegalArgumentException(
              "standard input line " + lineNo + ": expected 'LAT LON', got '" + t + "'");
        }
        double lat;
        double lon;
        try {
          lat = Double.parseDouble(parts[0]);
          lon = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "standard input line " + lineNo + ": '" + t + "' is not two numbers");
        }
        try {
          GeoCoordinates.check(lat, lon);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "standard input line " + lineNo + ": " + e.getMessage(), e);
        }
        out.println(Morton.encode(lat, lon, order));
      }
      out.flush();
      return MaggCli.OK;
    }
  }

  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Order, HEALPix nested id and cell centre of a Morton index.")
  static final class Decode implements Callable<Integer> {
    @Parameters(paramLabel = "M", description = "Morton index.")
    String morton;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      long m = Morton.parse(morton);
      int order = Morton.order(m);
      long nested = Morton.toNested(m);
      double[] c = Healpix.center(order, nested);
      double lon = c[0] > 180 ? c[0] - 360 : c[0];
      PrintWriter out = spec.commandLine().getOut();
      out.println("morton: " + Morton.format(m));
      out.println("order: " + order);
      out.println("nested: " + nested);
      out.println(String.format(Locale.ROOT, "center: lat %.10f lon %.10f", c[1], lon));
      return MaggCli.OK;
    }
  }

  @Command(
      name = "children",
      mixinStandardHelpOptions = true,
      description = "Children of a Morton cell at a finer order, in nested order.")
  static final class Children implements Callable<Integer> {
    @Parameters(paramLabel = "M", description = "Morton index.")
    String morton;

    @Option(names = "--order", required = true, description = "Child order.")
    int order;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (long c : Morton.children(Morton.parse(morton), order)) {
        out.println(c);
      }
      return MaggCli.OK;
    }
  }

  @Command(
      name = "parent",
      mixinStandardHelpOptions = true,
      description = "The parent of a Morton cell at a coarser order.")
  static final class Parent implements Callable<Integer> {
    @Parameters(paramLabel = "M", description = "Morton index.")
    String morton;

    @Option(names = "--order", required = true, description = "Parent order.")
    int order;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(Morton.parent(Morton.parse(morton), order));
      return MaggCli.OK;
    }
  }
}
