/**
 * The top layer. {@link org.magg.pipelines.Magg} is the Java API; each pipeline sits in its own
 * package ({@code spatial}, {@code temporal}, {@code historical}) with its options, graph ({@code
 * build(Pipeline, ...)} returns the PCollections tests check) and summary; {@code config} parses
 * YAML configs; {@code runners} holds per-runner defaults; {@code bench} and {@code samples} the
 * benchmarks and generated inputs; {@code cli} the {@code magg} command line, which nothing else
 * imports.
 */
package org.magg.pipelines;
