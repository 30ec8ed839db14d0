package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.jsonapi.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Invariants of the consent rules over random command sequences (semantics §12). */
class ConsentProperties {
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Property(tries = 1000)
    void everyStepKeepsTheInvariants(@ForAll("histories") List<ConsentCommand> commands) throws Exception {
        ConsentState state = ConsentState.EMPTY;
        OffsetDateTime now = START;
        for (ConsentCommand command : commands) {
            now = now.plusMinutes(7);
            ConsentOutcome outcome = ConsentRules.apply(state, command, now);
            ConsentState next = outcome.state();

            emailOnlyReachesTheUnsuppressedAndNotOptedOut(next);
            if (command instanceof ConsentCommand.Unsuppress) {
                unsuppressRemovesOnlyUserSuppressed(state, next);
            }
            historyMeansChange(state, outcome, command, now);
            pendingMeansWaiting(next);
            String stored = ConsentStateJson.toJson(next).toString();
            assertThat(ConsentStateJson.fromJson(Json.MAPPER.readTree(stored))).as(stored).isEqualTo(next);
            state = next;
        }
    }

    @Property(tries = 100)
    void everyReachableStateRendersToTheSpecSchema(@ForAll("histories") List<ConsentCommand> commands) {
        ConsentState state = ConsentState.EMPTY;
        for (ConsentCommand command : commands) {
            state = ConsentRules.apply(state, command, START).state();
        }
        SubscriptionsRendererTest.assertSpecValid(SubscriptionsRenderer.render(state));
    }

    /**
     * The account's unsubscribe scope matters only for email marketing of a profile on the list: GLOBAL
     * (the default) leaves every channel named UNSUBSCRIBED and email suppressed; LIST keeps email's
     * consent and global suppressions and adds the list suppression. Elsewhere the two agree, and a
     * member leaves the list under both.
     */
    @Property(tries = 500)
    void theScopeDecidesOnlyAnEmailMembersListUnsubscribe(@ForAll("histories") List<ConsentCommand> history,
            @ForAll("globalUnsubscribes") ConsentCommand.Unsubscribe global) {
        ConsentState state = ConsentState.EMPTY;
        for (ConsentCommand command : history) {
            state = ConsentRules.apply(state, command, START).state();
        }
        ConsentCommand.Unsubscribe listOnly = new ConsentCommand.Unsubscribe(global.channels(), global.listId(),
                global.profileIsOnList(), UnsubscribeScope.LIST, global.actor());
        OffsetDateTime now = START.plusDays(1);
        ConsentOutcome g = ConsentRules.apply(state, global, now);
        ConsentOutcome l = ConsentRules.apply(state, listOnly, now);

        List<MembershipEffect> removal = global.profileIsOnList()
                ? List.of(new MembershipEffect.RemoveFromList(global.listId())) : List.of();
        assertThat(g.effects()).isEqualTo(removal);
        assertThat(l.effects()).isEqualTo(removal);
        for (Channel channel : global.channels()) {
            assertThat(g.state().channel(channel).consent()).as(channel.name()).isEqualTo(Consent.UNSUBSCRIBED);
            assertThat(g.state().canReceive(channel)).as(channel.name()).isFalse();
        }
        boolean email = global.channels().contains(Channel.EMAIL_MARKETING);
        if (email) {
            assertThat(g.state().suppression(SuppressionReason.UNSUBSCRIBE)).isPresent();
        }
        if (!email || !global.profileIsOnList()) {
            assertThat(l).isEqualTo(g);
            return;
        }
        assertThat(l.state().suppressions()).isEqualTo(state.suppressions());
        assertThat(l.state().listSuppression(global.listId())).isPresent();
        Consent before = state.channel(Channel.EMAIL_MARKETING).consent();
        Consent after = l.state().channel(Channel.EMAIL_MARKETING).consent();
        if (after != before) {
            // Only a dropped opt-in changes it: PENDING with nothing left waiting is NEVER_SUBSCRIBED.
            assertThat(before).isEqualTo(Consent.PENDING);
            assertThat(after).isEqualTo(Consent.NEVER_SUBSCRIBED);
        }
    }

    private static void emailOnlyReachesTheUnsuppressedAndNotOptedOut(ConsentState state) {
        if (state.canReceiveEmailMarketing()) {
            assertThat(state.suppressions()).isEmpty();
            assertThat(state.channel(Channel.EMAIL_MARKETING).consent()).isNotIn(Consent.UNSUBSCRIBED, Consent.PENDING);
        }
        assertThat(SubscriptionsRenderer.render(state).at("/email/marketing/can_receive_email_marketing").asBoolean())
                .isEqualTo(state.canReceiveEmailMarketing());
    }

    private static void unsuppressRemovesOnlyUserSuppressed(ConsentState before, ConsentState after) {
        assertThat(after.suppressions()).isEqualTo(before.suppressions().stream()
                .filter(s -> s.reason() != SuppressionReason.USER_SUPPRESSED).toList());
        assertThat(after.withSuppressions(before.suppressions())).isEqualTo(before);
    }

    /** History is written exactly when a consent or suppression changed; pending entries are not history. */
    private static void historyMeansChange(ConsentState before, ConsentOutcome outcome, ConsentCommand command,
            OffsetDateTime now) {
        boolean unchanged = outcome.state().withPending(before.pending()).equals(before);
        assertThat(outcome.history().isEmpty()).isEqualTo(unchanged);
        assertThat(outcome.history()).allSatisfy(entry -> {
            assertThat(entry.at()).isEqualTo(now);
            assertThat(entry.actor()).isEqualTo(command.actor());
            assertThat(entry.from()).isNotEqualTo(entry.to());
        });
    }

    /** PENDING always has something waiting, and only a pending or subscribed channel waits. */
    private static void pendingMeansWaiting(ConsentState state) {
        for (Channel channel : Channel.values()) {
            boolean waiting = state.pending().stream().anyMatch(p -> p.channel() == channel);
            Consent consent = state.channel(channel).consent();
            if (consent == Consent.PENDING) {
                assertThat(waiting).as(channel + " is PENDING with nothing pending").isTrue();
            }
            if (waiting) {
                assertThat(consent).as(channel + " has a pending opt-in").isIn(Consent.PENDING, Consent.SUBSCRIBED);
            }
        }
    }

    @Provide
    Arbitrary<List<ConsentCommand>> histories() {
        return Arbitraries.oneOf(subscribes(), confirms(), unsubscribes(), suppresses(), unsuppresses())
                .list().ofMinSize(1).ofMaxSize(25);
    }

    private static Arbitrary<String> lists() {
        return Arbitraries.of("L1", "L2").injectNull(0.3);
    }

    /** Email and SMS most of the time, since they carry the interesting rules; every channel sometimes. */
    private static Arbitrary<Set<Channel>> channels() {
        Arbitrary<Channel> channel = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Channel.EMAIL_MARKETING)),
                Tuple.of(2, Arbitraries.just(Channel.SMS_MARKETING)),
                Tuple.of(1, Arbitraries.of(Channel.class)));
        return channel.set().ofMinSize(1).ofMaxSize(3).map(EnumSet::copyOf);
    }

    private static Arbitrary<ConsentCommand> subscribes() {
        Arbitrary<OffsetDateTime> consentedAt = Arbitraries.of(
                OffsetDateTime.of(1980, 5, 5, 0, 0, 0, 0, ZoneOffset.UTC), START.minusDays(30));
        return Combinators.combine(channels(), lists(), Arbitraries.of(OptInProcess.class), Arbitraries.of(true, false),
                        consentedAt, Arbitraries.of("Spring fair", "form").injectNull(0.5))
                .as((channels, list, optIn, historical, at, source) -> new ConsentCommand.Subscribe(
                        channels, list, optIn, historical, historical ? at : null, source, "subscriber"));
    }

    private static Arbitrary<ConsentCommand> confirms() {
        return Combinators.combine(Arbitraries.of(Channel.EMAIL_MARKETING, Channel.SMS_MARKETING), lists())
                .as((channel, list) -> new ConsentCommand.ConfirmDoubleOptIn(channel, list, "confirmer"));
    }

    private static Arbitrary<ConsentCommand> unsubscribes() {
        return Combinators.combine(channels(), lists(), Arbitraries.of(true, false), Arbitraries.of(UnsubscribeScope.class))
                .as((channels, list, onList, scope) -> new ConsentCommand.Unsubscribe(
                        channels, list, list != null && onList, scope, "unsubscriber"));
    }

    @Provide
    Arbitrary<ConsentCommand.Unsubscribe> globalUnsubscribes() {
        return Combinators.combine(channels(), lists(), Arbitraries.of(true, false))
                .as((channels, list, onList) -> new ConsentCommand.Unsubscribe(
                        channels, list, list != null && onList, UnsubscribeScope.GLOBAL, "unsubscriber"));
    }

    private static Arbitrary<ConsentCommand> suppresses() {
        return Arbitraries.of(SuppressionReason.class).map(reason -> new ConsentCommand.Suppress(reason, "suppressor"));
    }

    private static Arbitrary<ConsentCommand> unsuppresses() {
        return Arbitraries.just(new ConsentCommand.Unsuppress("unsuppressor"));
    }
}
