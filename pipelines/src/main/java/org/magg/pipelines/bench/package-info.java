/**
 * Benchmarks behind {@code magg bench}: the spatial pipeline against a hand-written loop over the
 * same generated granules, and the temporal pipeline over generated fields per event count. They
 * print figures; nothing here is asserted by a unit test.
 */
package org.magg.pipelines.bench;
