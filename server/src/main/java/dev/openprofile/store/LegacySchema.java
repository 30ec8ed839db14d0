package dev.openprofile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versions before OPENPROFILE_DATABASE_SCHEMA kept their tables and Flyway's history in {@code public}.
 * Such a database is adopted once: the tables migrations 1 to 7 created move into the configured schema
 * (indexes, constraints and owned sequences move with them), then Flyway carries on from its history.
 * Nothing else in {@code public} is touched.
 */
final class LegacySchema {
    private static final Logger log = LoggerFactory.getLogger(LegacySchema.class);

    /** Every table versions 1 to 7 created (some were dropped again; absent ones are skipped). */
    private static final List<String> TABLES = List.of(
            "account", "api_key", "profile", "list", "list_membership", "job", "profile_import",
            "profile_import_item", "profile_import_profile", "profile_import_error", "profile_import_chunk",
            "profile_import_result", "profile_consent", "profile_suppression", "profile_list_suppression",
            "consent_history", "consent_job", "consent_job_error", "metric", "metric_property", "event_key",
            "event_bulk_job", "event");
    /** Our first migration's script, which tells our history from another application's in public. */
    private static final String FIRST_SCRIPT = "V1__accounts_keys_profiles.sql";
    /** Serializes nodes that start at once on one legacy database (an arbitrary constant of ours). */
    private static final long LOCK_KEY = 0x6f70656e70726f66L;

    private LegacySchema() {}

    /** Moves a legacy database's tables into {@code schema}; does nothing on any other database. */
    static void adopt(Connection c, String schema) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
            if (!isLegacy(c, schema)) {
                c.rollback();
                return;
            }
            List<String> tables = new ArrayList<>(partitionsOfEvent(c));
            tables.addAll(TABLES);
            tables.add("flyway_schema_history");
            s.execute("create schema if not exists " + schema);
            int moved = 0;
            for (String table : tables) {
                if (!exists(c, "public." + table)) continue;
                // Names from our own fixed list or the catalogue, and a schema name validated by Settings.
                s.execute("alter table public." + table + " set schema " + schema);
                moved++;
            }
            c.commit();
            log.info("moved {} OpenProfile tables from schema public into schema {}", moved, schema);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean isLegacy(Connection c, String schema) throws SQLException {
        if (exists(c, schema + ".flyway_schema_history") || !exists(c, "public.flyway_schema_history")) return false;
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from public.flyway_schema_history where version = '1' and script = ?")) {
            ps.setString(1, FIRST_SCRIPT);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Moving a partitioned table does not move its partitions, so they are moved one by one. */
    private static List<String> partitionsOfEvent(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        if (!exists(c, "public.event")) return names;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select child.relname from pg_inherits i join pg_class child on child.oid = i.inhrelid "
                        + "where i.inhparent = 'public.event'::regclass order by 1")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    private static boolean exists(Connection c, String qualifiedName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, qualifiedName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
