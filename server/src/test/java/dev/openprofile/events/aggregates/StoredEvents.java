package dev.openprofile.events.aggregates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.TestServer;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Metrics and events written straight into a test server's tables (no ingestion API yet). */
final class StoredEvents {

    /** One stored event; {@code properties} may be empty, {@code value} and {@code currency} null. */
    record Event(String profileId, Instant datetime, BigDecimal value, String currency, Map<String, String> properties) {}

    private StoredEvents() {}

    static String account(TestServer server, String name) {
        return server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select account_id from account where name = ?")) {
                ps.setString(1, name);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    static void metric(TestServer server, String accountId, String metricId, String name) {
        server.jdbc().inTransaction(c -> {
            try (var ps = c.prepareStatement("insert into metric (account_id, id, name, integration_key, created, updated) "
                    + "values (?, ?, ?, 'api', now(), now())")) {
                ps.setString(1, accountId);
                ps.setString(2, metricId);
                ps.setString(3, name);
                return ps.executeUpdate();
            }
        });
    }

    static void insert(TestServer server, String accountId, String metricId, List<Event> events) {
        server.jdbc().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into event (account_id, id, metric_id, profile_id, datetime, "
                    + "value, value_currency, properties, uuid) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                for (Event e : events) {
                    ObjectNode properties = Json.MAPPER.createObjectNode();
                    e.properties().forEach(properties::put);
                    ps.setString(1, accountId);
                    ps.setString(2, UUID.randomUUID().toString());
                    ps.setString(3, metricId);
                    ps.setString(4, e.profileId());
                    ps.setObject(5, OffsetDateTime.ofInstant(e.datetime(), ZoneOffset.UTC));
                    ps.setBigDecimal(6, e.value());
                    ps.setString(7, e.currency());
                    ps.setString(8, properties.toString());
                    ps.setObject(9, UUID.randomUUID());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
