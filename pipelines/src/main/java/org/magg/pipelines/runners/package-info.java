/**
 * Runner defaults: the options each Beam runner gets unless the user gives them (chosen by name; no
 * runner class is imported, runners are runtime dependencies chosen by Maven profile).
 */
package org.magg.pipelines.runners;
