package dev.openprofile.customobjects;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told, inside the activating transaction, that a schema became its object type's current one, so that records
 * kept waiting for a current schema of their data sources are ingested (objectrecords implements it; App wires it).
 */
@FunctionalInterface
public interface SchemaActivation {
    SchemaActivation NONE = (c, accountId, objectTypeId, schemaId) -> {};

    void activated(Connection c, String accountId, String objectTypeId, String schemaId) throws SQLException;
}
