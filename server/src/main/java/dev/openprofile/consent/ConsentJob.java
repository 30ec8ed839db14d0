package dev.openprofile.consent;

import dev.openprofile.jobs.Job;

/** A consent job: its queue entry, what it acts on and how far it got. */
record ConsentJob(Job job, Kind kind, String listId, String segmentId, int totalCount, int completedCount,
                  int skippedCount) {

    /**
     * The four consent jobs. Each kind's job type is its JSON:API type, and it names the job kind in
     * the queue as well.
     */
    enum Kind {
        SUBSCRIBE("profile-subscription-bulk-create-job", 1_000),
        UNSUBSCRIBE("profile-subscription-bulk-delete-job", 100),
        SUPPRESS("profile-suppression-bulk-create-job", 100),
        UNSUPPRESS("profile-suppression-bulk-delete-job", 100);

        final String type;
        /** Profiles per request (spec: "Maximum number of profiles ... 1000", "per call: 100"). */
        final int maxProfiles;

        Kind(String type, int maxProfiles) {
            this.type = type;
            this.maxProfiles = maxProfiles;
        }

        static Kind ofType(String type) {
            for (Kind k : values()) if (k.type.equals(type)) return k;
            throw new IllegalArgumentException("not a consent job kind: " + type);
        }
    }
}
