package org.magg.pipelines.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.magg.core.engine.ContentHashes;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.InputFingerprint;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.FileDigest;
import org.magg.transforms.engine.Producer;

/**
 * What a producer would depend on if it ran now: its fingerprint (configuration hash, the cube
 * versions of its needs, the content hashes of its files) and the files' digests.
 *
 * @param fingerprint the fingerprint
 * @param files the digests of the files it reads
 */
record CurrentInputs(InputFingerprint fingerprint, List<FileDigest> files) {

  /**
   * Reads the versions from the cube's catalog and hashes the files. A producer's own outputs are
   * left out of its input versions (an iterative producer reading its previous output would
   * otherwise never be up to date).
   */
  static CurrentInputs of(Producer p, Cube cube) throws IOException {
    Set<String> own = p.produces().stream().map(VarSpec::name).collect(Collectors.toSet());
    Map<String, Long> versions = new TreeMap<>();
    for (DataNeed n : p.needs().needs()) {
      if (!own.contains(n.name()) && cube.variables().containsKey(n.name())) {
        versions.put(n.name(), cube.catalog().variableVersion(n.name()));
      }
    }
    List<FileDigest> files = new ArrayList<>();
    Map<String, String> hashes = new TreeMap<>();
    for (String f : p.files()) {
      FileDigest d = FileDigest.of(f, p.localCopy(f));
      files.add(d);
      hashes.put(f, d.sha256());
    }
    String config = ContentHashes.sha256OfCanonicalJson(p.configuration());
    return new CurrentInputs(new InputFingerprint(config, versions, hashes), files);
  }
}
