/**
 * The bottom layer: what every layer shares. {@link org.magg.core.Failure} is the dead letter of
 * every stage (stage, subject, reason); {@link org.magg.core.ConfigException} names a config field
 * and what was expected; {@link org.magg.core.Json} holds the project's Jackson mappers; {@link
 * org.magg.core.IsoTimes} parses ISO-8601 times; {@link org.magg.core.ArrayCoding} codes primitive
 * arrays for element coders. Grid code is in {@code org.magg.core.grid}.
 */
package org.magg.core;
