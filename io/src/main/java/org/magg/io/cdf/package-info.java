/**
 * A writer of NASA Common Data Format (CDF) files, version 3, in pure Java.
 *
 * <p>{@link org.magg.io.cdf.CdfWriter} writes a whole file: global attributes, {@link
 * org.magg.io.cdf.CdfVariable zVariables} with their variable attributes, values typed by {@link
 * org.magg.io.cdf.CdfType} and carried by {@link org.magg.io.cdf.CdfValue}. {@link
 * org.magg.io.cdf.Tt2000} and {@link org.magg.io.cdf.CdfEpoch} convert times.
 *
 * <p>Followed: NASA/GSFC Space Physics Data Facility, <i>CDF Internal Format Description</i>,
 * version 3.x (the layout of CDF 3.0 and later, with the AEDR NumStrings field of 3.7; read in the
 * 3.7 edition and the record sections NASA's text republished with cdflib), section 2.1 magic
 * numbers (0xCDF30001, then 0x0000FFFF, or 0xCCCC0001 for a file compressed as a whole), 2.2 CDR
 * (version 3.9.0, Identifier 1 "created by Java without the library", flags row majority and single
 * file, 256-byte copyright), 2.3 GDR (LeapSecondLastUpdated from {@link
 * org.magg.io.cdf.Tt2000#leapSecondLastUpdated()}), 2.4 ADR (scope 1 global with gEntries, scope 2
 * variable with zEntries), 2.5 AEDR (AgrEDR 5, AzEDR 9; NumStrings 1 for a text zEntry, else 0, as
 * the CDF 3.7 library writes), 2.6 zVDR (record variance, pad value always written, compression
 * bit; all dimensions varying; no sparse records), 2.7 VXR (7 entries, chained by VXRnext, one
 * level), 2.8 VVR, 2.9 CCR, 2.10 CPR (GZIP, cType 5, one parameter: the level), 2.12 CVVR (a
 * complete GZIP stream), chapter 4 (variable records, row major) and chapter 5 (big-endian control
 * information, application data in the IBM PC or network encoding, data type codes). Offsets and
 * record sizes are 8 bytes.
 *
 * <p>Not written: rVariables, column majority, multi-file CDFs, sparse records and arrays, RLE and
 * Huffman compression, MD5 checksums, UIRs, more than one element per value for non-character
 * types.
 *
 * <p>Checked by reading the written files back with an independent reader (JCDF) in the tests,
 * value by value.
 */
package org.magg.io.cdf;
