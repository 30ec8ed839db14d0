package dev.openprofile.profiles;

import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * merge_profiles (semantics §13): the request is checked and stored as a job (the 201 is sent once it is
 * committed), then a worker merges the source into the destination in one transaction: every feature's rows
 * about the source move ({@link ProfileData}), the source row goes, and the destination takes the attributes
 * and properties it lacked ({@link MergeRules}). A crash before the commit leaves both profiles as they were
 * and the job queued; after it, the job is done.
 */
public final class ProfileMerge implements JobHandler {
    public static final String KIND = "profile-merge";

    private final Jdbc jdbc;
    private final ProfileStore store = new ProfileStore();
    private final Clock clock;
    private final Supplier<String> ids;
    private final List<ProfileData> data;
    private final Runnable wakeWorkers;

    /**
     * @param data every feature's rows about profiles, merged in this order (docs: App puts segments last, since
     *             the other features' writes record the profiles whose segments must be evaluated again)
     */
    public ProfileMerge(Jdbc jdbc, Clock clock, Supplier<String> ids, List<ProfileData> data, Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        this.data = List.copyOf(data);
        this.wakeWorkers = wakeWorkers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Checks that both profiles exist and stores the job; what a read of either shows until it runs: as before. */
    void submit(String accountId, MergeInput.Request request) {
        OffsetDateTime now = now();
        String jobId = ids.get();
        jdbc.inTransaction(c -> {
            if (store.find(c, accountId, request.destinationId(), false).isEmpty()) {
                throw notFound(request.destinationId(), MergeInput.DESTINATION);
            }
            if (store.find(c, accountId, request.sourceId(), false).isEmpty()) {
                throw notFound(request.sourceId(), MergeInput.SOURCE);
            }
            JobQueue.enqueue(c, accountId, jobId, KIND, now);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into profile_merge (account_id, job_id, source_id, destination_id) values (?, ?, ?, ?)")) {
                ps.setString(1, accountId);
                ps.setString(2, jobId);
                ps.setString(3, request.sourceId());
                ps.setString(4, request.destinationId());
                ps.executeUpdate();
            }
            return null;
        });
        wakeWorkers.run();
    }

    /** The whole merge is one chunk: one transaction, all or nothing. The request row goes with it. */
    @Override
    public boolean processChunk(Connection c, Job job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                delete from profile_merge where account_id = ? and job_id = ? returning source_id, destination_id""")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) mergeLocked(c, job.accountId(), rs.getString(1), rs.getString(2));
            }
        }
        return true;
    }

    /**
     * Merges {@code sourceId} into {@code destinationId} in the caller's transaction (a merge job, or a request
     * that links two profiles' identifiers). False, changing nothing, when either no longer exists (a merge or a
     * deletion that ran between the request and the job) or they are the same profile.
     */
    public boolean mergeLocked(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        if (sourceId.equals(destinationId)) return false;
        // Both rows locked in id order, as bulk chunks lock theirs, so that no two writers can deadlock.
        boolean sourceFirst = sourceId.compareTo(destinationId) < 0;
        Optional<Profile> first = store.find(c, accountId, sourceFirst ? sourceId : destinationId, true);
        Optional<Profile> second = store.find(c, accountId, sourceFirst ? destinationId : sourceId, true);
        if (first.isEmpty() || second.isEmpty()) return false;
        Profile source = sourceFirst ? first.get() : second.get();
        Profile destination = sourceFirst ? second.get() : first.get();
        for (ProfileData d : data) d.merge(c, accountId, sourceId, destinationId);
        // The source goes before the destination takes its identifiers: the unique indexes allow one holder.
        store.delete(c, accountId, List.of(sourceId));
        if (!store.update(c, accountId, MergeRules.merged(destination, source, now()))) {
            throw new IllegalStateException("a locked profile changed during its merge");
        }
        return true;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    private static ApiError notFound(String id, String pointer) {
        return new ApiError(404, "not_found", "Not found.", "A profile with id '" + id + "' does not exist.",
                ApiError.Source.pointer(pointer), null);
    }
}
