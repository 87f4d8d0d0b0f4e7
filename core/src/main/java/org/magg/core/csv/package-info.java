/**
 * The project's CSV, read and written in one way (Apache Commons CSV underneath): {@link
 * org.magg.core.csv.CsvReader} streams rows that know their line, {@link
 * org.magg.core.csv.CsvWriter} builds text that quotes a cell only when it must. Every CSV the
 * project reads or writes (event catalogs, event tables and failures, point tables, REACH inputs,
 * telemetry) goes through these.
 */
package org.magg.core.csv;
