/**
 * Storage on S3: locations ({@link org.magg.io.s3.S3Location}), clients and settings ({@link
 * org.magg.io.s3.S3Settings}, {@link org.magg.io.s3.S3Clients}), object operations and ranged reads
 * ({@link org.magg.io.s3.S3Objects}, {@link org.magg.io.s3.S3ReadChannel}), and credentials:
 * default, profile, or NASA Earthdata temporary credentials per DAAC ({@link
 * org.magg.io.s3.EarthdataCredentials}). Credentials are never logged.
 */
package org.magg.io.s3;
