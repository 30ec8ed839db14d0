package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jobs.Job;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.lists.ListService;
import dev.openprofile.profiles.ProfileInput;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.pushtokens.PushTokenInput;
import dev.openprofile.pushtokens.PushTokenService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs the consent jobs for the job workers: {@value #CHUNK} profiles per committed chunk, each under a
 * savepoint, so a profile that cannot be applied is recorded with why and the rest goes on.
 */
final class ConsentJobRunner {
    static final int CHUNK = 100;
    static final String API_ACTOR = "api";

    private final ConsentJobStore jobs;
    private final ConsentChanges changes;
    private final ProfileService profiles;
    private final ListService lists;
    private final PushTokenService pushTokens;
    private final Supplier<OffsetDateTime> clock;

    ConsentJobRunner(ConsentJobStore jobs, ConsentChanges changes, ProfileService profiles, ListService lists,
                     PushTokenService pushTokens, Supplier<OffsetDateTime> clock) {
        this.jobs = jobs;
        this.changes = changes;
        this.profiles = profiles;
        this.lists = lists;
        this.pushTokens = pushTokens;
        this.clock = clock;
    }

    /** One handler per kind of consent job. */
    List<JobHandler> handlers() {
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
        String listId = work.listId();
        List<ConsentCommand> commands = switch (kind) {
            case SUBSCRIBE -> subscribeCommands(item.get("channels"), listId, work.settings());
            case UNSUBSCRIBE -> List.of(new ConsentCommand.Unsubscribe(channels(item.get("channels")), listId,
                    listId != null && lists.isMember(c, accountId, listId, profileId), unsubscribeScope(work.settings()),
                    API_ACTOR));
            case SUPPRESS -> List.of(new ConsentCommand.Suppress(SuppressionReason.USER_SUPPRESSED, API_ACTOR));
            case UNSUPPRESS -> List.of(new ConsentCommand.Unsuppress(API_ACTOR));
        };
        changes.apply(c, accountId, profileId, commands, clock.get(), job.id());
        List<PushTokenInput.Registration> tokens = pushTokens(item, index);
        // Subscribing registers the tokens (push consent is in the same command); unsubscribing removes them.
        if (kind == ConsentJob.Kind.SUBSCRIBE) pushTokens.register(c, accountId, profileId, tokens);
        if (kind == ConsentJob.Kind.UNSUBSCRIBE) {
            pushTokens.remove(c, accountId, profileId, tokens.stream().map(PushTokenInput.Registration::token).toList());
        }
    }

    /** The item's push tokens, as validated when the job was accepted. */
    private static List<PushTokenInput.Registration> pushTokens(JsonNode item, int index) {
        List<PushTokenInput.Registration> out = new ArrayList<>();
        JsonNode tokens = item.path("push_tokens");
        for (int i = 0; i < tokens.size(); i++) {
            out.add(PushTokenInput.entry(tokens.get(i), ConsentInput.PROFILES + "/" + index
                    + "/attributes/subscriptions/push/tokens/" + i));
        }
        return out;
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

    /** The account's scope when the job was accepted; a job accepted before the setting existed gets its default. */
    private static UnsubscribeScope unsubscribeScope(JsonNode settings) {
        return UnsubscribeScope.fromWire(settings.path("unsubscribe_scope").asText()).orElse(UnsubscribeScope.GLOBAL);
    }

    private static Set<Channel> channels(JsonNode channels) {
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        channels.fieldNames().forEachRemaining(name -> out.add(Channel.valueOf(name)));
        return out;
    }
}
