package dev.openprofile.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for events. */
final class EventStore {
    private static final String COLUMNS = "e.id, e.metric_id, e.profile_id, e.datetime, e.value, e.value_currency, "
            + "e.unique_id, e.properties::text, e.uuid";

    record Row(Event event, String sortKey) {}

    /** The next events of a bulk job: {@code events} from index {@code from}, of {@code total}. */
    record BulkChunk(ArrayNode events, int from, int total) {}

    void insertBulk(Connection c, String accountId, String jobId, ArrayNode events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into event_bulk_job (account_id, job_id, events) values (?, ?, ?::jsonb)")) {
            ps.setString(1, accountId);
            ps.setString(2, jobId);
            ps.setString(3, events.toString());
            ps.executeUpdate();
        }
    }

    /**
     * Locks the bulk job's progress row and reads its next {@code limit} events only (the job holds up
     * to 5 MB of them; the JVM parses a chunk, not the whole job, each time).
     */
    BulkChunk lockBulkChunk(Connection c, dev.openprofile.jobs.Job job, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select coalesce((select jsonb_agg(e.value order by e.ordinality) from jsonb_array_elements(b.events)
                                 with ordinality e where e.ordinality > b.next_index and e.ordinality <= b.next_index + ?),
                                '[]'::jsonb)::text,
                       b.next_index, jsonb_array_length(b.events)
                from event_bulk_job b where b.account_id = ? and b.job_id = ? for update""")) {
            ps.setInt(1, limit);
            ps.setString(2, job.accountId());
            ps.setString(3, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new BulkChunk((ArrayNode) Json.MAPPER.readTree(rs.getString(1)), rs.getInt(2), rs.getInt(3));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored events are JSON", e);
            }
        }
    }

    void advanceBulk(Connection c, dev.openprofile.jobs.Job job, int next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update event_bulk_job set next_index = ? where account_id = ? and job_id = ?")) {
            ps.setInt(1, next);
            ps.setString(2, job.accountId());
            ps.setString(3, job.id());
            ps.executeUpdate();
        }
    }

    /**
     * Claims the event's identity (profile, metric, and its unique_id or else its time); false when an
     * event already has it, which then is not stored again (semantics §15).
     */
    boolean claim(Connection c, String accountId, String metricId, String profileId, String dedupKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into event_key (account_id, metric_id, profile_id, dedup_key) values (?, ?, ?, ?)
                on conflict do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, metricId);
            ps.setString(3, profileId);
            ps.setString(4, dedupKey);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Claims many identities of one metric in one statement; answers the claimed ones as profile id, NUL, key
     * (a key claimed before, or twice in the batch, is claimed once).
     */
    java.util.Set<String> claimAll(Connection c, String accountId, String metricId, List<String> profileIds, List<String> keys)
            throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into event_key (account_id, metric_id, profile_id, dedup_key)
                select ?, ?, k.profile_id, k.dedup_key from unnest(?::text[], ?::text[]) as k (profile_id, dedup_key)
                on conflict do nothing returning profile_id, dedup_key""")) {
            ps.setString(1, accountId);
            ps.setString(2, metricId);
            ps.setArray(3, c.createArrayOf("text", profileIds.toArray()));
            ps.setArray(4, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + '\u0000' + rs.getString(2));
            }
        }
        return out;
    }

    /** Stores events in one batch (their keys claimed before). */
    void insertAll(Connection c, String accountId, List<Event> events) throws SQLException {
        if (events.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Event e : events) {
                bindInsert(ps, accountId, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static final String INSERT = """
            insert into event (account_id, id, metric_id, profile_id, datetime, value, value_currency, unique_id, properties, uuid)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""";

    void insert(Connection c, String accountId, Event e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bindInsert(ps, accountId, e);
            ps.executeUpdate();
        }
    }

    private static void bindInsert(PreparedStatement ps, String accountId, Event e) throws SQLException {
        ps.setString(1, accountId);
        ps.setString(2, e.id());
        ps.setString(3, e.metricId());
        ps.setString(4, e.profileId());
        ps.setObject(5, e.datetime());
        ps.setBigDecimal(6, e.value());
        ps.setString(7, e.valueCurrency());
        ps.setString(8, e.uniqueId());
        ps.setString(9, e.properties().toString());
        ps.setObject(10, e.uuid());
    }

    /** By id: the id's ULID time is the event's datetime, so only that partition is read. */
    Optional<Event> find(Connection c, String accountId, String id, OffsetDateTime datetime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from event e where e.account_id = ? and e.datetime = ? and e.id = ?")) {
            ps.setString(1, accountId);
            ps.setObject(2, datetime);
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The events with these unique ids recorded at these times (a feature's own event of each of its records): the
     * times read only their partitions and the primary key's datetime.
     */
    List<Event> findByUniqueIds(Connection c, String accountId, List<String> uniqueIds, List<OffsetDateTime> times)
            throws SQLException {
        List<Event> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from event e where e.account_id = ? and e.datetime = any (?::timestamptz[]) and e.unique_id = any (?) order by e.datetime, e.id")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", times.stream().map(OffsetDateTime::toString).toArray()));
            ps.setArray(3, c.createArrayOf("text", uniqueIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
        }
        return out;
    }

    List<Row> list(Connection c, String accountId, SqlFragment filter, Keyset keyset, Keyset.Position at, int limit)
            throws SQLException {
        return PagedQuery.fetch(c, COLUMNS, "event e where e.account_id = ?", List.of(accountId), filter, keyset, at, limit,
                (rs, key) -> new Row(map(rs), key));
    }

    private static Event map(ResultSet rs) throws SQLException {
        try {
            return new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                    rs.getBigDecimal(5), rs.getString(6), rs.getString(7), (ObjectNode) Json.MAPPER.readTree(rs.getString(8)),
                    rs.getObject(9, UUID.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored properties are JSON", e);
        }
    }
}
