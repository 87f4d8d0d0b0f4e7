package org.magg.io.engine;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One step of the catalog's schema: it takes a catalog at version {@code n} to {@code n + 1},
 * inside the transaction that also records the new version.
 */
@FunctionalInterface
public interface CatalogMigration {
  void apply(Connection connection) throws SQLException;
}
