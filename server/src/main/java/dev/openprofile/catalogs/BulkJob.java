package dev.openprofile.catalogs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jobs.Job;
import java.util.List;

/**
 * A catalog bulk job as its GET shows it: the queue's row (status and times) and its own progress.
 *
 * @param resourceIds the resources written so far, in submission order
 * @param errors      APIJobErrorPayload objects, one per failed record
 */
record BulkJob(Job job, int totalCount, int completedCount, int failedCount, List<String> resourceIds, JsonNode errors) {}
