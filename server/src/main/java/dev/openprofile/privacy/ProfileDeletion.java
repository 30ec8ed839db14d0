package dev.openprofile.privacy;

import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.profiles.Identifier;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * request_profile_deletion (semantics §16): the request is stored as a job (the 202 is sent once it is
 * committed), then a worker deletes every profile the identifier names and everything every feature keeps
 * about them ({@link ProfileData}), {@value #CHUNK} profiles per committed chunk. The request row, which holds
 * the person's identifier, goes with the last chunk.
 */
public final class ProfileDeletion implements JobHandler {
    public static final String KIND = "data-privacy-deletion-job";
    static final int CHUNK = 100;

    private final Jdbc jdbc;
    private final ProfileService profiles;
    private final List<ProfileData> data;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Runnable wakeWorkers;

    /** @param data every feature's rows about profiles, deleted in this order before the profile rows */
    public ProfileDeletion(Jdbc jdbc, ProfileService profiles, List<ProfileData> data, Clock clock, Supplier<String> ids,
                           Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.data = List.copyOf(data);
        this.clock = clock;
        this.ids = ids;
        this.wakeWorkers = wakeWorkers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Stores the request. An identifier that names no profile is accepted all the same: the job then deletes
     * nothing (Klaviyo accepts a deletion request without saying whether the person is known).
     */
    void submit(String accountId, DeletionInput.Request request) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        String jobId = ids.get();
        jdbc.inTransaction(c -> {
            JobQueue.enqueue(c, accountId, jobId, KIND, now);
            return Statements.update(c, "insert into privacy_deletion (account_id, job_id, identifier, value) values (?, ?, ?, ?)",
                    accountId, jobId, request.identifier().wire, request.value());
        });
        wakeWorkers.run();
    }

    @Override
    public boolean processChunk(Connection c, Job job) throws SQLException {
        DeletionInput.Request request;
        try (PreparedStatement ps = c.prepareStatement(
                "select identifier, value from privacy_deletion where account_id = ? and job_id = ? for update")) {
            ps.setString(1, job.accountId());
            ps.setString(2, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return true;
                request = new DeletionInput.Request(Identifier.fromWire(rs.getString(1)).orElseThrow(), rs.getString(2));
            }
        }
        List<String> matched = profiles.lockMatching(c, job.accountId(), request.identifier(), request.value(), CHUNK);
        if (!matched.isEmpty()) {
            for (ProfileData d : data) d.delete(c, job.accountId(), matched);
            profiles.deleteLocked(c, job.accountId(), matched);
        }
        if (matched.size() == CHUNK) return false;
        Statements.update(c, "delete from privacy_deletion where account_id = ? and job_id = ?", job.accountId(), job.id());
        return true;
    }
}
