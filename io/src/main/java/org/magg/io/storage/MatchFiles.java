package org.magg.io.storage;

import java.io.IOException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The files each arriving location or glob names ({@link Storage#list}), local or on S3: the one
 * way the project's readers find their inputs. The output holds the files ({@link #FILES}) and each
 * location or glob that names no file ({@link #UNMATCHED}), for a reader that expects every one of
 * its patterns to match (a batch run, where the files are all there before it starts) to report.
 */
public final class MatchFiles extends PTransform<PCollection<String>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** The files matched. */
  public static final TupleTag<String> FILES = new TupleTag<>("files") {};

  /** Each location or glob that names no file, once per time it arrives. */
  public static final TupleTag<String> UNMATCHED = new TupleTag<>("unmatched") {};

  private final Storage storage;

  private MatchFiles(Storage storage) {
    this.storage = storage;
  }

  /** Matches with this storage's S3 settings. */
  public static MatchFiles in(Storage storage) {
    return new MatchFiles(java.util.Objects.requireNonNull(storage, "Storage cannot be null."));
  }

  @Override
  public PCollectionTuple expand(PCollection<String> patterns) {
    PCollectionTuple out =
        patterns.apply(
            ParDo.of(new ListFn(storage)).withOutputTags(FILES, TupleTagList.of(UNMATCHED)));
    out.get(FILES).setCoder(StringUtf8Coder.of());
    out.get(UNMATCHED).setCoder(StringUtf8Coder.of());
    return out;
  }

  static final class ListFn extends DoFn<String, String> {
    private static final long serialVersionUID = 1L;
    private final Storage storage;

    ListFn(Storage storage) {
      this.storage = storage;
    }

    @ProcessElement
    public void process(@Element String pattern, MultiOutputReceiver out) throws IOException {
      boolean any = false;
      for (String file : storage.list(pattern)) {
        out.get(FILES).output(file);
        any = true;
      }
      if (!any) {
        out.get(UNMATCHED).output(pattern);
      }
    }
  }
}
