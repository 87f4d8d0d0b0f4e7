package org.magg.io.s3;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarthdataDaacsTest {

  @Test
  void endpointsOfTheDaacsMaggUses() {
    // The values published by earthaccess (daac.py) and the endpoints' own READMEs.
    Map<String, String> expected =
        Map.of(
            "NSIDC", "https://data.nsidc.earthdatacloud.nasa.gov/s3credentials",
            "GES_DISC", "https://data.gesdisc.earthdata.nasa.gov/s3credentials",
            "PODAAC", "https://archive.podaac.earthdata.nasa.gov/s3credentials",
            "LPDAAC", "https://data.lpdaac.earthdatacloud.nasa.gov/s3credentials",
            "ORNLDAAC", "https://data.ornldaac.earthdata.nasa.gov/s3credentials",
            "GHRCDAAC", "https://data.ghrc.earthdata.nasa.gov/s3credentials",
            "LAADS", "https://data.laadsdaac.earthdatacloud.nasa.gov/s3credentials",
            "ASF", "https://sentinel1.asf.alaska.edu/s3credentials",
            "OBDAAC", "https://obdaac-tea.earthdatacloud.nasa.gov/s3credentials");
    expected.forEach((daac, url) -> assertEquals(URI.create(url), EarthdataDaacs.endpoint(daac)));
  }

  @Test
  void everyEndpointIsHttpsS3Credentials() {
    for (EarthdataDaacs.Daac d : EarthdataDaacs.all()) {
      assertEquals("https", d.endpoint().getScheme(), d.name());
      assertEquals("/s3credentials", d.endpoint().getPath(), d.name());
      assertTrue(d.endpoint().getQuery() == null, d.name());
    }
  }

  @Test
  void namesMatchIgnoringCaseAndPunctuationAndProviderIdsAreAliases() {
    assertEquals("GES_DISC", EarthdataDaacs.canonicalName("ges-disc"));
    assertEquals("GES_DISC", EarthdataDaacs.canonicalName("GESDISC"));
    assertEquals("OBDAAC", EarthdataDaacs.canonicalName("OB.DAAC"));
    assertEquals("PODAAC", EarthdataDaacs.canonicalName("PO.DAAC"));
    assertEquals("PODAAC", EarthdataDaacs.canonicalName("POCLOUD"));
    assertEquals("NSIDC", EarthdataDaacs.canonicalName("nsidc_cprd"));
    assertEquals("LPDAAC", EarthdataDaacs.canonicalName("LPCLOUD"));
    assertEquals("ORNLDAAC", EarthdataDaacs.canonicalName("ORNL_CLOUD"));
    assertEquals("GHRCDAAC", EarthdataDaacs.canonicalName("GHRC_DAAC"));
    assertEquals("GHRCDAAC", EarthdataDaacs.canonicalName("ghrc"));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EarthdataDaacs.endpoint("SEDAC"));
    assertThat(e.getMessage(), containsString("unknown Earthdata DAAC 'SEDAC'"));
    assertThat(e.getMessage(), containsString(String.join(", ", EarthdataDaacs.names())));
    assertThrows(IllegalArgumentException.class, () -> EarthdataDaacs.endpoint(null));
  }

  @Test
  void namesAreInTableOrder() {
    List<String> names = EarthdataDaacs.names();
    assertEquals("NSIDC", names.get(0));
    assertEquals(names.size(), EarthdataDaacs.all().size());
  }
}
