package dev.openprofile.imports;

import dev.openprofile.jobs.Job;
import java.util.List;

/** A bulk profile import: its queue entry and its own progress. */
record ImportJob(Job job, int totalCount, int completedCount, int failedCount, List<String> listIds) {
    static final String KIND = "profile-bulk-import";
    static final String TYPE = "profile-bulk-import-job";
}
