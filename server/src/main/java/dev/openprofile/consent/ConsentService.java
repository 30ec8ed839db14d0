package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.openprofile.profiles.ProfileInput;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Consent: the four consent jobs (accepted durably, applied by the job workers profile by profile
 * under {@link ConsentRules}), double opt-in confirmation, and the subscriptions of profile reads.
 */
public final class ConsentService {
    /** Profiles applied per committed chunk. */
    static final int CHUNK = 100;
    static final String API_ACTOR = "api";
    /** The suppression job collections take no page[size]; Klaviyo's usual default. */
    static final int JOBS_PAGE = 20;

    private final Jdbc jdbc;
    private final ConsentStore store = new ConsentStore();
    private final ConsentJobStore jobs = new ConsentJobStore();
    private final ProfileService profiles;
    private final ListService lists;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Function<String, String> accountDefaultOptIn;
    private final Runnable wakeWorkers;

    public ConsentService(Jdbc jdbc, ProfileService profiles, ListService lists, Clock clock, Supplier<String> ids,
                          Function<String, String> accountDefaultOptIn, Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.lists = lists;
        this.clock = clock;
        this.ids = ids;
        this.accountDefaultOptIn = accountDefaultOptIn;
        this.wakeWorkers = wakeWorkers;
    }

    /** The job handlers, one per kind, for the job workers. */
    public List<JobHandler> handlers() {
        List<JobHandler> out = new ArrayList<>();
        for (ConsentJob.Kind kind : ConsentJob.Kind.values()) {
            out.add(new JobHandler() {
                @Override
                public String kind() {
                    return kind.type;
                }

                @Override
                public boolean processChunk(Connection c, Job job) throws SQLException {
                    return process(c, job, kind);
                }
            });
        }
        return out;
    }

    /** Stores the job (202 once it commits). Lists must exist; segments do not exist yet (404). */
    ConsentJob submit(String accountId, ConsentInput.Submission s) {
        ArrayNode items = s.items();
        ObjectNode settings = Json.MAPPER.createObjectNode()
                .put("historical_import", s.historicalImport()).put("custom_source", s.customSource());
        if (s.segmentId() != null) {
            throw new ApiError(404, "not_found", "Not found.", "A segment with id '" + s.segmentId() + "' does not exist.",
                    ApiError.Source.pointer("/data/relationships/segment/data/id"), null);
        }
        if (s.listId() != null) {
            String optIn = lists.optInProcess(accountId, s.listId()).orElseThrow(() -> unknownList(s.listId()));
            settings.put("opt_in", optIn);
            boolean byList = (s.kind() == ConsentJob.Kind.SUPPRESS || s.kind() == ConsentJob.Kind.UNSUPPRESS) && items.isEmpty();
            if (byList) {
                // "all current members": the members when the request is accepted.
                items = Json.MAPPER.createArrayNode();
                for (String id : lists.allMemberIds(accountId, s.listId()).orElseThrow(() -> unknownList(s.listId()))) {
                    items.addObject().put("profile_id", id);
                }
            }
        } else {
            settings.put("opt_in", accountDefaultOptIn.apply(accountId));
        }
        String jobId = ids.get();
        OffsetDateTime now = now();
        ArrayNode stored = items;
        Job job = jdbc.inTransaction(c -> {
            Job queued = JobQueue.enqueue(c, accountId, jobId, s.kind().type, now);
            jobs.insert(c, accountId, jobId, s.kind(), s.listId(), s.segmentId(), stored, settings);
            return queued;
        });
        wakeWorkers.run();
        return new ConsentJob(job, s.kind(), s.listId(), s.segmentId(), stored.size(), 0, 0);
    }

    private boolean process(Connection c, Job job, ConsentJob.Kind kind) throws SQLException {
        ConsentJobStore.Work work = jobs.lockWork(c, job);
        int end = Math.min(work.items().size(), work.next() + CHUNK);
        int completed = 0;
        int skipped = 0;
        for (int i = work.next(); i < end; i++) {
            JsonNode item = work.items().get(i);
            Savepoint sp = c.setSavepoint();
            try {
                apply(c, job, kind, work, item, i);
                c.releaseSavepoint(sp);
                completed++;
            } catch (ApiError e) {
                c.rollback(sp);
                jobs.recordError(c, job, i, e.detail(), item);
                skipped++;
            } catch (SQLException e) {
                c.rollback(sp);
                jobs.recordError(c, job, i, "could not be applied: " + e.getMessage(), item);
                skipped++;
            }
        }
        jobs.advance(c, job, end, completed, skipped);
        return end >= work.items().size();
    }

    private void apply(Connection c, Job job, ConsentJob.Kind kind, ConsentJobStore.Work work, JsonNode item, int index)
            throws SQLException {
        String accountId = job.accountId();
        String profileId = item.hasNonNull("profile_id") ? item.get("profile_id").asText()
                // Found or created by its identifiers, with the rules of every upsert.
                : profiles.upsertLocked(c, accountId, ProfileInput.parseUpsert(item.get("profile"),
                        ConsentInput.PROFILES + "/" + index)).profile().id();
        ConsentState state = store.lock(c, accountId, profileId);
        OffsetDateTime now = now();
        String listId = work.listId();
        List<ConsentCommand> commands = switch (kind) {
            case SUBSCRIBE -> subscribeCommands(item.get("channels"), listId, work.settings());
            case UNSUBSCRIBE -> List.of(new ConsentCommand.Unsubscribe(channels(item.get("channels")), listId,
                    listId != null && lists.isMember(c, accountId, listId, profileId), API_ACTOR));
            case SUPPRESS -> List.of(new ConsentCommand.Suppress(SuppressionReason.USER_SUPPRESSED, API_ACTOR));
            case UNSUPPRESS -> List.of(new ConsentCommand.Unsuppress(API_ACTOR));
        };
        List<ConsentChange> history = new ArrayList<>();
        List<MembershipEffect> effects = new ArrayList<>();
        for (ConsentCommand command : commands) {
            ConsentOutcome outcome = ConsentRules.apply(state, command, now);
            state = outcome.state();
            history.addAll(outcome.history());
            effects.addAll(outcome.effects());
        }
        store.save(c, accountId, profileId, state, history, job.id());
        carryOut(c, accountId, profileId, effects);
    }

    /** The list changes a consent change asks for (an AddToList of a suppression-job list never happens). */
    private void carryOut(Connection c, String accountId, String profileId, List<MembershipEffect> effects)
            throws SQLException {
        for (MembershipEffect e : effects.stream().distinct().toList()) {
            switch (e) {
                case MembershipEffect.AddToList add -> lists.addMembers(c, accountId, List.of(add.listId()), List.of(profileId));
                case MembershipEffect.RemoveFromList remove -> lists.removeMembers(c, accountId, remove.listId(), List.of(profileId));
            }
        }
    }

    /**
     * One Subscribe per distinct consented_at (a historical import may give each channel its own);
     * usually one command for all the channels.
     */
    private static List<ConsentCommand> subscribeCommands(JsonNode channels, String listId, JsonNode settings) {
        Map<String, Set<Channel>> byConsentedAt = new LinkedHashMap<>();
        channels.properties().forEach(e -> byConsentedAt
                .computeIfAbsent(e.getValue().isNull() ? "" : e.getValue().asText(), k -> EnumSet.noneOf(Channel.class))
                .add(Channel.valueOf(e.getKey())));
        boolean historical = settings.path("historical_import").asBoolean(false);
        OptInProcess optIn = "double_opt_in".equals(settings.path("opt_in").asText()) ? OptInProcess.DOUBLE : OptInProcess.SINGLE;
        String customSource = settings.hasNonNull("custom_source") ? settings.get("custom_source").asText() : null;
        List<ConsentCommand> out = new ArrayList<>();
        byConsentedAt.forEach((at, set) -> out.add(new ConsentCommand.Subscribe(set, listId, optIn, historical,
                at.isEmpty() ? null : OffsetDateTime.parse(at), customSource, API_ACTOR)));
        return out;
    }

    private static Set<Channel> channels(JsonNode channels) {
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        channels.fieldNames().forEachRemaining(name -> out.add(Channel.valueOf(name)));
        return out;
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
            if (profiles.unknownIds(accountId, List.of(profileId)).contains(profileId)) {
                throw new ApiError(404, "not_found", "Not found.", "A profile with id '" + profileId + "' does not exist.",
                        ApiError.Source.pointer("/profile_id"), null);
            }
            ConsentState state = store.lock(c, accountId, profileId);
            ConsentOutcome outcome = ConsentRules.apply(state, new ConsentCommand.ConfirmDoubleOptIn(channel, listId, actor), now());
            if (outcome.nothingToConfirm()) return new Confirmation(profileId, false);
            store.save(c, accountId, profileId, outcome.state(), outcome.history(), null);
            carryOut(c, accountId, profileId, outcome.effects());
            return new Confirmation(profileId, true);
        });
    }

    /**
     * Records a suppression the API cannot (a bounce, a spam complaint, an invalid address: Klaviyo's
     * sending pipeline adds those), for operators and tests of deliverability states.
     */
    public void suppress(String accountId, String profileId, SuppressionReason reason, String actor) {
        jdbc.inTransaction(c -> {
            if (profiles.unknownIds(accountId, List.of(profileId)).contains(profileId)) {
                throw new ApiError(404, "not_found", "Not found.", "A profile with id '" + profileId + "' does not exist.",
                        ApiError.Source.pointer("/profile_id"), null);
            }
            ConsentOutcome outcome = ConsentRules.apply(store.lock(c, accountId, profileId),
                    new ConsentCommand.Suppress(reason, actor), now());
            store.save(c, accountId, profileId, outcome.state(), outcome.history(), null);
            return null;
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

    private static ApiError unknownList(String listId) {
        return new ApiError(404, "not_found", "Not found.", "A list with id '" + listId + "' does not exist.",
                ApiError.Source.pointer("/data/relationships/list/data/id"), null);
    }

    static ApiError notFound(String jobId) {
        return new ApiError(404, "not_found", "Not found.", "A job with id '" + jobId + "' does not exist.",
                ApiError.Source.parameter("job_id"), null);
    }
}
