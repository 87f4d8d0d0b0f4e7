package org.magg.io.storage;

import java.io.IOException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The files each arriving location or glob names ({@link Storage#list}), local or on S3: the one
 * way the project's readers find their inputs.
 */
public final class MatchFiles extends PTransform<PCollection<String>, PCollection<String>> {
  private static final long serialVersionUID = 1L;
  private final Storage storage;

  private MatchFiles(Storage storage) {
    this.storage = storage;
  }

  /** Matches with this storage's S3 settings. */
  public static MatchFiles in(Storage storage) {
    return new MatchFiles(java.util.Objects.requireNonNull(storage, "Storage cannot be null."));
  }

  @Override
  public PCollection<String> expand(PCollection<String> patterns) {
    return patterns.apply(ParDo.of(new ListFn(storage))).setCoder(StringUtf8Coder.of());
  }

  static final class ListFn extends DoFn<String, String> {
    private static final long serialVersionUID = 1L;
    private final Storage storage;

    ListFn(Storage storage) {
      this.storage = storage;
    }

    @ProcessElement
    public void process(@Element String pattern, OutputReceiver<String> out) throws IOException {
      for (String file : storage.list(pattern)) {
        out.output(file);
      }
    }
  }
}
