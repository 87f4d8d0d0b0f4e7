package org.magg.io.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Failure;
import org.magg.testing.TestPipelines;

class ResultFilesTest {

  private static final List<Failure> FAILURES =
      List.of(
          Failure.cell("a", "cell a: bad"),
          Failure.cell("b", "cell b: bad"),
          Failure.cell("c", "cell c: bad"));

  private static ResultFiles resultsUnder(Path temp) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setTempLocation(temp.toString());
    return ResultFiles.create(options);
  }

  private static PipelineResult writeAll(ResultFiles results) {
    TestPipeline p = TestPipelines.create();
    PCollection<Failure> failures =
        p.apply(Create.of(FAILURES).withCoder(Failure.FailureCoder.of()));
    results.write(failures, "failures", Failure.class, Failure::subject);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  @Test
  void aFirstRunRepeatsNothingAndReadsEachResultOnce(@TempDir Path temp) {
    ResultFiles results = resultsUnder(temp);
    PipelineResult result = writeAll(results);
    assertEquals(FAILURES, results.read("failures", Failure.class));
    assertEquals(0, ResultFiles.repeated(result));
  }

  @Test
  void resultsAnEarlierAttemptWroteAreCountedAsRepeatedAndReadOnce(@TempDir Path temp)
      throws Exception {
    ResultFiles results = resultsUnder(temp);
    // What a task that was killed after writing two of its results leaves behind.
    Path kind = Path.of(results.dir(), "failures");
    Files.createDirectories(kind);
    for (String key : List.of("a", "c")) {
      Files.writeString(
          kind.resolve(key + ".json"),
          "{\"stage\":\"cell\",\"subject\":\"" + key + "\"}",
          StandardCharsets.UTF_8);
    }
    PipelineResult result = writeAll(results);
    assertEquals(FAILURES, results.read("failures", Failure.class));
    assertEquals(2, ResultFiles.repeated(result));
  }

  @Test
  void deleteRemovesTheLocalDirectory(@TempDir Path temp) {
    ResultFiles results = resultsUnder(temp);
    writeAll(results);
    results.delete();
    assertEquals(false, Files.exists(Path.of(results.dir())));
  }
}
