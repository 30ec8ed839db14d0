package dev.openprofile.profiles;

import dev.openprofile.jsonapi.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Upserts a bulk import chunk with set-based SQL under {@link UpsertRules}, the rules of every
 * single upsert: one locking read, the items decided in order against a {@link ChunkView}, two
 * batched writes.
 */
public final class ChunkUpsert {
    private final ProfileStore store;
    private final Supplier<String> ids;
    private final Supplier<OffsetDateTime> clock;

    ChunkUpsert(ProfileStore store, Supplier<String> ids, Supplier<OffsetDateTime> clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** The outcome of one item of {@link #upsertAll}: its profile id, or the error that failed it. */
    public record ItemResult(String profileId, ApiError error) {}

    /**
     * Upserts a bulk import chunk inside the caller's transaction with set-based SQL: one query locks
     * every stored profile the items name, the items are decided in order by the same rules as a single
     * upsert (later items see earlier ones), and the final state is written in two batches. Throws
     * {@link ChunkRace}, or an SQLException with SQLState 23505 from the insert, when a concurrent write
     * got in (the caller then rolls back to a savepoint and upserts the chunk one item at a time).
     */
    public List<ItemResult> upsertAll(Connection c, String accountId, List<ProfileChanges> items) throws SQLException {
        Set<String> byId = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> externals = new HashSet<>();
        for (ProfileChanges ch : items) {
            if (ch.id() != null) byId.add(ch.id());
            if (ch.value(ProfileField.EMAIL) != null) emails.add(ch.value(ProfileField.EMAIL).toLowerCase(Locale.ROOT));
            if (ch.value(ProfileField.PHONE_NUMBER) != null) phones.add(ch.value(ProfileField.PHONE_NUMBER));
            if (ch.value(ProfileField.EXTERNAL_ID) != null) externals.add(ch.value(ProfileField.EXTERNAL_ID));
        }
        store.ensureStatistics(c);
        ChunkView view = new ChunkView(store.lockAll(c, accountId, byId, emails, phones, externals));
        OffsetDateTime now = clock.get();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (ProfileChanges ch : items) {
            try {
                UpsertRules.Decision d = UpsertRules.upsert(view, ch, ids, now);
                view.apply(d);
                results.add(new ItemResult(switch (d) {
                    case UpsertRules.Create x -> x.profile().id();
                    case UpsertRules.Update x -> x.next().id();
                    case UpsertRules.Keep x -> x.current().id();
                }, null));
            } catch (ApiError e) {
                results.add(new ItemResult(null, e));
            }
        }
        if (!store.updateAll(c, accountId, view.updates())) throw new ChunkRace();
        store.insertAll(c, accountId, view.inserts());
        return results;
    }

    /** A concurrent write got in between a chunk's locking read and its writes. */
    public static final class ChunkRace extends RuntimeException {
        ChunkRace() { super("a concurrent write changed the chunk's profiles", null, false, false); }
    }
}
