package dev.openprofile.segments.engine;

/** What a definition may name, checked against the account (wired in App to the owners' services). */
public interface References {
    boolean listExists(String accountId, String listId);

    boolean metricExists(String accountId, String metricId);
}
