package dev.openprofile.objectrecords;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.customobjects.CurrentMappings;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openprofile.profiles.ChunkUpsert;
import dev.openprofile.profiles.ProfileService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one ingestion of data source records, which the single call (one record), the bulk job's chunks and the
 * backfill all run (two paths, one rule): each record held against every current schema that maps its source, its
 * profiles found or created, and then every clean record written at once; a record breaking any schema's rules is
 * written nowhere. With no current schema mapping the source, the records wait raw for one.
 */
final class Ingestion {
    private final ProfileService profiles;

    Ingestion(ProfileService profiles) {
        this.profiles = profiles;
    }

    sealed interface Result {}

    /** Kept raw until a schema mapping the source becomes current. */
    record Pending() implements Result {}

    record Written(List<String> compoundIds) implements Result {}

    /** Every type's outcome, at least one with failures. */
    record Rejected(List<TypeOutcome> outcomes) implements Result {}

    /**
     * Ingests {@code records} in the caller's transaction; with {@code logRejected} the rejected ones are logged (a job),
     * else the caller answers them (the single call, which then rolls everything back). Ingestions run concurrently:
     * each record carries the number it got when accepted ({@code accepted}, in order), and a stored record written by
     * a later-accepted one is left as it is; locks are taken in one order (profiles by id, records by key).
     */
    List<Result> ingest(Connection c, String accountId, String dataSourceId, List<JsonNode> records, List<Long> accepted,
                        boolean logRejected, OffsetDateTime now) throws SQLException {
        List<CurrentMappings.Current> currents = CurrentMappings.forSource(c, accountId, dataSourceId);
        List<Result> results = new ArrayList<>();
        if (currents.isEmpty()) {
            keepPending(c, accountId, dataSourceId, records, accepted, now);
            records.forEach(r -> results.add(new Pending()));
            return results;
        }
        List<List<TypeOutcome>> outcomes = new ArrayList<>();
        for (JsonNode record : records) {
            List<TypeOutcome> perType = new ArrayList<>();
            for (CurrentMappings.Current current : currents) perType.add(RecordEvaluation.evaluate(record, current));
            outcomes.add(perType);
        }
        Map<String, String> profileIds = resolveProfiles(c, accountId, outcomes);
        List<List<RecordWrites.Write>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<List<TypeOutcome>> rejected = new ArrayList<>();
        for (int n = 0; n < outcomes.size(); n++) {
            List<TypeOutcome> perType = outcomes.get(n);
            if (!perType.stream().allMatch(TypeOutcome::valid)) {
                rejected.add(perType);
                results.add(new Rejected(perType));
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (TypeOutcome o : perType) {
                // A record id repeated in one call is written in a later round: one upsert never meets its key twice.
                int round = seen.merge(o.compoundId(), 1, Integer::sum) - 1;
                while (rounds.size() <= round) rounds.add(new ArrayList<>());
                List<RecordWrites.ResolvedProfileLink> links = new ArrayList<>();
                for (TypeOutcome.Link l : o.links()) {
                    if (l instanceof TypeOutcome.ProfileLink p && p.profile() != null) {
                        links.add(new RecordWrites.ResolvedProfileLink(p.relationshipId(), p.additive(),
                                profileIds.get(p.profile().key())));
                    }
                }
                rounds.get(round).add(new RecordWrites.Write(o, links, accepted.get(n)));
                ids.add(o.compoundId());
            }
            results.add(new Written(ids));
        }
        for (List<RecordWrites.Write> round : rounds) RecordWrites.write(c, accountId, round, now);
        if (logRejected) IngestionLogWrites.insert(c, accountId, rejected, now);
        return results;
    }

    /**
     * The profiles the clean records name, each identifier once: first every klaviyo-id, which must name a profile
     * (a record naming one that does not is rejected before anything is created for it), then the identifiers that
     * find their holder or create one, as an event's profile does. Each pass is one set-based upsert (a bulk import
     * chunk's), by the single upsert's rules.
     */
    private Map<String, String> resolveProfiles(Connection c, String accountId, List<List<TypeOutcome>> outcomes)
            throws SQLException {
        Map<String, String> ids = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        for (boolean existing : new boolean[] {true, false}) {
            // By key: two concurrent ingestions create and lock the same new profiles in the same order.
            Map<String, TypeOutcome.ProfileRef> wanted = new java.util.TreeMap<>();
            for (List<TypeOutcome> perType : outcomes) {
                if (perType.stream().allMatch(TypeOutcome::valid)) {
                    refs(perType).filter(r -> r.mustExist() == existing).forEach(r -> wanted.putIfAbsent(r.key(), r));
                }
            }
            if (wanted.isEmpty()) continue;
            List<TypeOutcome.ProfileRef> refs = List.copyOf(wanted.values());
            List<ChunkUpsert.ItemResult> results = profiles.upsertChunk(c, accountId,
                    refs.stream().map(TypeOutcome.ProfileRef::changes).toList());
            for (int i = 0; i < refs.size(); i++) {
                ChunkUpsert.ItemResult r = results.get(i);
                if (r.error() == null) ids.put(refs.get(i).key(), r.profileId());
                else if (r.error().status() == 404) unknown.add(refs.get(i).key());
                else throw r.error();
            }
            if (unknown.isEmpty()) continue;
            for (List<TypeOutcome> perType : outcomes) {
                for (TypeOutcome o : perType) {
                    for (TypeOutcome.Link l : o.links()) {
                        if (l instanceof TypeOutcome.ProfileLink p && p.profile() != null && unknown.contains(p.profile().key())) {
                            TypeOutcome.ProfileRef ref = p.profile();
                            o.failures().add(new TypeOutcome.Failure("profile_not_found", "Profile not found",
                                    ref.relationshipName(), TextNode.valueOf(ref.value()).toString(), ref.pointer()));
                        }
                    }
                }
            }
        }
        return ids;
    }

    private static java.util.stream.Stream<TypeOutcome.ProfileRef> refs(List<TypeOutcome> perType) {
        return perType.stream().flatMap(o -> o.links().stream())
                .flatMap(l -> l instanceof TypeOutcome.ProfileLink p && p.profile() != null ? java.util.stream.Stream.of(p.profile())
                        : java.util.stream.Stream.empty());
    }

    /** The raw records, in their order, until an activation's backfill ingests them. */
    private static void keepPending(Connection c, String accountId, String dataSourceId, List<JsonNode> records,
                                    List<Long> accepted, OffsetDateTime now) throws SQLException {
        try (var ps = c.prepareStatement("""
                insert into pending_data_source_record (account_id, data_source_id, record, received, accepted)
                select ?, ?, r, ?, a from unnest(?::text[], ?::bigint[]) with ordinality as u(r, a, n) order by n""")) {
            ps.setString(1, accountId);
            ps.setString(2, dataSourceId);
            ps.setObject(3, now);
            ps.setArray(4, c.createArrayOf("text", records.stream().map(JsonNode::toString).toArray()));
            ps.setArray(5, c.createArrayOf("bigint", accepted.toArray()));
            ps.executeUpdate();
        }
    }
}
