package dev.openprofile.jobs;

import java.sql.Connection;
import java.sql.SQLException;

/** The feature side of a job kind: does one committed chunk of work at a time. */
public interface JobHandler {
    String kind();

    /**
     * Processes the next chunk inside the caller's transaction, which also records the job's lease.
     * Everything the chunk writes (its results and its progress marker) commits together or not at
     * all, so a crash at any moment repeats at most the chunk in flight, never half of it.
     *
     * @return true when the job has no work left
     */
    boolean processChunk(Connection c, Job job) throws SQLException;
}
