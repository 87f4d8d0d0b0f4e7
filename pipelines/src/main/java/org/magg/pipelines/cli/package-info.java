/**
 * The {@code magg} command line (picocli): {@link org.magg.pipelines.cli.MaggCli} and one class per
 * command. Exit codes: 0 success, 1 some items failed, 2 usage or config error. Nothing else in the
 * project imports this package.
 */
package org.magg.pipelines.cli;
