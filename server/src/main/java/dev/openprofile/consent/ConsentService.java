package dev.openprofile.consent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.lists.ListService;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.pushtokens.PushTokenService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Consent: the four consent jobs (accepted durably, applied by the job workers profile by profile
 * under {@link ConsentRules}), double opt-in confirmation, and the subscriptions of profile reads.
 */
public final class ConsentService {
    /** The suppression job collections take no page[size]; Klaviyo's usual default. */
    static final int JOBS_PAGE = 20;

    private final Jdbc jdbc;
    private final ConsentStore store = new ConsentStore();
    private final ConsentJobStore jobs = new ConsentJobStore();
    private final ProfileService profiles;
    private final ListService lists;
    private final Clock clock;
    private final Supplier<String> ids;
    private final AccountSettings accountSettings;
    private final SegmentMembers segments;
    private final Runnable wakeWorkers;
    private final ConsentChanges changes;
    private final ConsentJobRunner runner;

    /**
     * The account settings consent follows, read from the account whenever a job is accepted: an
     * operator may change them on any node, so no node keeps a copy.
     */
    public record AccountSettings(Function<String, String> defaultOptIn,
                                  Function<String, UnsubscribeScope> unsubscribeScope,
                                  java.util.function.Predicate<String> smsAgeGate) {}

    /** Whether the account is age-gated for SMS consent (Klaviyo's age-gating). */
    boolean smsAgeGate(String accountId) {
        return accountSettings.smsAgeGate().test(accountId);
    }

    /**
     * @param pushTokens registers and removes the push tokens of subscribe and unsubscribe jobs
     * @param events     hears the system events consent changes make, in their transactions (webhooks)
     */
    public ConsentService(Jdbc jdbc, ProfileService profiles, ListService lists, Clock clock, Supplier<String> ids,
                          AccountSettings accountSettings, SegmentMembers segments, Runnable wakeWorkers,
                          PushTokenService pushTokens, ConsentEvents events) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.lists = lists;
        this.clock = clock;
        this.ids = ids;
        this.accountSettings = accountSettings;
        this.segments = segments;
        this.wakeWorkers = wakeWorkers;
        this.changes = new ConsentChanges(store, lists, events);
        this.runner = new ConsentJobRunner(jobs, changes, profiles, lists, pushTokens, this::now);
    }

    /** The job handlers, one per kind, for the job workers. */
    public List<JobHandler> handlers() {
        return runner.handlers();
    }

    /** Stores the job (202 once it commits). A list or segment named must exist (404). */
    ConsentJob submit(String accountId, ConsentInput.Submission s) {
        return submit(accountId, s, null);
    }

    /**
     * create_client_subscription: the profile upserted by the client rules and a subscribe job of that one
     * profile (bulk_subscribe_profiles' path: the list's opt-in process, durable, applied by the workers),
     * committed together. A subscriptions object that names no channel updates the profile only.
     */
    void submitClient(String accountId, ClientSubscriptionInput.ClientSubscription request) {
        ArrayNode item = Json.MAPPER.createArrayNode();
        item.addObject().set("channels", request.channels());
        submit(accountId, new ConsentInput.Submission(ConsentJob.Kind.SUBSCRIBE, item, request.listId(), null, false,
                request.customSource()), request.profile());
    }

    /** @param clientProfile a client request's profile, upserted in the job's transaction; its item gets the id */
    private ConsentJob submit(String accountId, ConsentInput.Submission s, ProfileChanges clientProfile) {
        ArrayNode items = s.items();
        ObjectNode settings = Json.MAPPER.createObjectNode()
                .put("historical_import", s.historicalImport()).put("custom_source", s.customSource());
        boolean byGroup = (s.kind() == ConsentJob.Kind.SUPPRESS || s.kind() == ConsentJob.Kind.UNSUPPRESS) && items.isEmpty();
        if (s.listId() != null) {
            String optIn = lists.optInProcess(accountId, s.listId()).orElseThrow(() -> unknownList(s.listId()));
            settings.put("opt_in", optIn);
            if (byGroup) items = memberItems(lists.allMemberIds(accountId, s.listId()).orElseThrow(() -> unknownList(s.listId())));
        } else {
            settings.put("opt_in", accountSettings.defaultOptIn().apply(accountId));
        }
        if (s.kind() == ConsentJob.Kind.UNSUBSCRIBE) {
            // Decided when the job is accepted, like the opt-in process: the whole job follows one
            // setting, even when the operator changes it while the job runs or a crash resumes it.
            settings.put("unsubscribe_scope", accountSettings.unsubscribeScope().apply(accountId).wire);
        }
        if (s.segmentId() != null) {
            items = memberItems(segments.of(accountId, s.segmentId()).orElseThrow(() -> new ApiError(404, "not_found",
                    "Not found.", "A segment with id '" + s.segmentId() + "' does not exist.",
                    ApiError.Source.pointer("/data/relationships/segment/data/id"), null)));
        }
        String jobId = ids.get();
        OffsetDateTime now = now();
        ArrayNode stored = items;
        Jdbc.Work<Job> work = c -> {
            if (clientProfile != null) {
                ((ObjectNode) stored.get(0)).put("profile_id", profiles.upsertLocked(c, accountId, clientProfile).profile().id());
                if (stored.get(0).get("channels").isEmpty()) return null;
            }
            Job queued = JobQueue.enqueue(c, accountId, jobId, s.kind().type, now);
            jobs.insert(c, accountId, jobId, s.kind(), s.listId(), s.segmentId(), stored, settings);
            return queued;
        };
        // A client request's profile upsert may lose an identity race: the whole transaction is then retried.
        Job job = clientProfile == null ? jdbc.inTransaction(work) : profiles.inUpsertTransaction(accountId, work);
        if (job == null) return null;
        wakeWorkers.run();
        return new ConsentJob(job, s.kind(), s.listId(), s.segmentId(), stored.size(), 0, 0);
    }

    /** "all current members" of a list or segment: the members when the request is accepted. */
    private static ArrayNode memberItems(List<String> profileIds) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (String id : profileIds) items.addObject().put("profile_id", id);
        return items;
    }

    /** The outcome of an operator's confirmation of a pending double opt-in. */
    public record Confirmation(String profileId, boolean confirmed) {}

    /**
     * Confirms a pending double opt-in (no confirmation message goes out here, so an operator or a test
     * says the profile confirmed). Unknown profile: 404; nothing pending for that channel and list:
     * {@code confirmed} false and nothing changes.
     */
    public Confirmation confirm(String accountId, String profileId, Channel channel, String listId, String actor) {
        return jdbc.inTransaction(c -> {
            requireProfile(accountId, profileId);
            ConsentOutcome outcome = changes.apply(c, accountId, profileId,
                    List.of(new ConsentCommand.ConfirmDoubleOptIn(channel, listId, actor)), now(), null);
            return new Confirmation(profileId, !outcome.nothingToConfirm());
        });
    }

    /**
     * Records a suppression the API cannot (a bounce, a spam complaint, an invalid address: Klaviyo's
     * sending pipeline adds those), for operators and tests of deliverability states.
     */
    public void suppress(String accountId, String profileId, SuppressionReason reason, String actor) {
        jdbc.inTransaction(c -> {
            requireProfile(accountId, profileId);
            changes.apply(c, accountId, profileId, List.of(new ConsentCommand.Suppress(reason, actor)), now(), null);
            return null;
        });
    }

    /** What a caller writes in the transaction of a consent change (the event that records why it happened). */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection c) throws SQLException;
    }

    /**
     * An email unsubscribe a recipient asks for on a sent message's unsubscribe page: email marketing becomes
     * UNSUBSCRIBED everywhere (Klaviyo's default "unsubscribed from all lists" setting), as bulk_unsubscribe_profiles
     * without a list does, through the one path of consent changes (history, webhooks). {@code also} runs in the same
     * transaction when something changed; false when nothing did (already unsubscribed).
     */
    public boolean unsubscribeEmail(String accountId, String profileId, String actor, InTransaction also) {
        return jdbc.inTransaction(c -> {
            ConsentOutcome outcome = changes.apply(c, accountId, profileId, List.of(new ConsentCommand.Unsubscribe(
                    java.util.Set.of(Channel.EMAIL_MARKETING), null, false, UnsubscribeScope.GLOBAL, actor)), now(), null);
            if (outcome.history().isEmpty()) return false;
            also.run(c);
            return true;
        });
    }

    /** The profiles' subscriptions objects, as profile reads show them (never-touched profiles included). */
    public Map<String, ObjectNode> subscriptions(String accountId, List<String> profileIds) {
        if (profileIds.isEmpty()) return Map.of();
        Map<String, ConsentState> states = jdbc.read(c -> store.load(c, accountId, profileIds));
        Map<String, ObjectNode> out = new HashMap<>();
        for (String id : profileIds) out.put(id, SubscriptionsRenderer.render(states.getOrDefault(id, ConsentState.EMPTY)));
        return out;
    }

    public List<ConsentChange> history(String accountId, String profileId) {
        return jdbc.read(c -> store.history(c, accountId, profileId));
    }

    ConsentJob get(String accountId, ConsentJob.Kind kind, String jobId) {
        return jdbc.read(c -> jobs.find(c, accountId, jobId)).filter(j -> j.kind() == kind)
                .orElseThrow(() -> notFound(jobId));
    }

    /** Any consent job of the account with the profiles it could not apply (operators: subscribe jobs have no GET). */
    public record JobReport(Job job, int totalCount, int completedCount, int skippedCount, List<ConsentJobStore.JobError> errors) {}

    public JobReport report(String accountId, String jobId) {
        return jdbc.read(c -> {
            ConsentJob j = jobs.find(c, accountId, jobId).orElseThrow(() -> notFound(jobId));
            return new JobReport(j.job(), j.totalCount(), j.completedCount(), j.skippedCount(), jobs.errors(c, accountId, jobId));
        });
    }

    Paging.Page<ConsentJobStore.Row> list(String accountId, ConsentJob.Kind kind, Query query) {
        Query.Sort sort = query.sort().orElseThrow();
        Keyset keyset = new Keyset("j.created_at", "timestamptz", "j.id", sort.descending());
        SqlFragment filter = SqlFilter.translate(query.filter(),
                Map.of("status", "j.status", "list_id", "c.list_id", "segment_id", "c.segment_id"));
        Keyset.Position at = Paging.position(query.cursor());
        List<ConsentJobStore.Row> rows = jdbc.read(c -> jobs.list(c, accountId, kind, filter, keyset, at, JOBS_PAGE + 1));
        return Paging.page(rows, JOBS_PAGE, query.cursor(), sort.field(),
                r -> new String[] {r.sortKey(), r.job().job().id()});
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    private void requireProfile(String accountId, String profileId) {
        if (profiles.unknownIds(accountId, List.of(profileId)).contains(profileId)) {
            throw new ApiError(404, "not_found", "Not found.", "A profile with id '" + profileId + "' does not exist.",
                    ApiError.Source.pointer("/profile_id"), null);
        }
    }

    private static ApiError unknownList(String listId) {
        return new ApiError(404, "not_found", "Not found.", "A list with id '" + listId + "' does not exist.",
                ApiError.Source.pointer("/data/relationships/list/data/id"), null);
    }

    static ApiError notFound(String jobId) {
        return new ApiError(404, "not_found", "Not found.", "A job with id '" + jobId + "' does not exist.",
                ApiError.Source.parameter("job_id"), null);
    }
}
