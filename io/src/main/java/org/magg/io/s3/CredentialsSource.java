package org.magg.io.s3;

import java.io.Serializable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where S3 credentials come from. A source is serializable so that each worker builds its own
 * provider (and refreshes temporary keys itself); it never carries secrets into logs, outputs or
 * pipeline display data: {@link #describe()} and {@code toString()} name the kind of source only.
 */
public interface CredentialsSource extends Serializable {

  /** A provider for the AWS SDK; may be called once per worker and cached there. */
  AwsCredentialsProvider provider();

  /** A description that is safe to print (no keys, tokens or passwords). */
  String describe();
}
