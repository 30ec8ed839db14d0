package dev.openprofile.consent;

import static dev.openprofile.consent.Channel.EMAIL_MARKETING;
import static dev.openprofile.consent.Channel.EMAIL_OPEN_TRACKING;
import static dev.openprofile.consent.Channel.MOBILE_PUSH_MARKETING;
import static dev.openprofile.consent.Channel.SMS_MARKETING;
import static dev.openprofile.consent.Channel.SMS_TRANSACTIONAL;
import static dev.openprofile.consent.Channel.WHATSAPP_MARKETING;
import static dev.openprofile.consent.Consent.NEVER_SUBSCRIBED;
import static dev.openprofile.consent.Consent.PENDING;
import static dev.openprofile.consent.Consent.SUBSCRIBED;
import static dev.openprofile.consent.Consent.UNSUBSCRIBED;
import static dev.openprofile.consent.ConsentState.EMPTY;
import static dev.openprofile.consent.Fixtures.NOW;
import static dev.openprofile.consent.Fixtures.after;
import static dev.openprofile.consent.Fixtures.confirm;
import static dev.openprofile.consent.Fixtures.historicalImport;
import static dev.openprofile.consent.Fixtures.subscribe;
import static dev.openprofile.consent.Fixtures.suppress;
import static dev.openprofile.consent.Fixtures.unsubscribe;
import static dev.openprofile.consent.Fixtures.unsuppress;
import static dev.openprofile.consent.Fixtures.with;
import static dev.openprofile.consent.Fixtures.withListSuppression;
import static dev.openprofile.consent.Fixtures.withSuppressions;
import static dev.openprofile.consent.OptInProcess.DOUBLE;
import static dev.openprofile.consent.OptInProcess.SINGLE;
import static dev.openprofile.consent.Row.when;
import static dev.openprofile.consent.SuppressionReason.HARD_BOUNCE;
import static dev.openprofile.consent.SuppressionReason.INVALID_EMAIL;
import static dev.openprofile.consent.SuppressionReason.SPAM_COMPLAINT;
import static dev.openprofile.consent.SuppressionReason.UNSUBSCRIBE;
import static dev.openprofile.consent.SuppressionReason.USER_SUPPRESSED;
import static dev.openprofile.consent.UnsubscribeScope.LIST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.consent.MembershipEffect.AddToList;
import dev.openprofile.consent.MembershipEffect.RemoveFromList;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every consent transition of semantics §12, one row each: given a state, a command, what comes out. */
class ConsentRulesTest {
    static final ConsentState EMAIL_SUBSCRIBED = after(subscribe(SINGLE, null, EMAIL_MARKETING));
    static final ConsentState EMAIL_UNSUBSCRIBED = after(unsubscribe(null, false, EMAIL_MARKETING));
    static final ConsentState PENDING_L1 = after(subscribe(DOUBLE, "L1", EMAIL_MARKETING));
    static final ConsentState PENDING_L1_L2 =
            after(subscribe(DOUBLE, "L1", EMAIL_MARKETING), subscribe(DOUBLE, "L2", EMAIL_MARKETING));
    static final ConsentState EVERY_SUPPRESSION = withSuppressions(with(EMPTY, EMAIL_MARKETING, UNSUBSCRIBED),
            SuppressionReason.values());

    static Stream<Row> subscribing() {
        return Stream.of(
                when("single opt-in with a list subscribes and adds to the list",
                        EMPTY, subscribe(SINGLE, "L1", EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).effects(new AddToList("L1")).history(1),
                when("single opt-in without a list subscribes and adds to no list",
                        EMPTY, subscribe(SINGLE, null, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).history(1),
                when("only the channels given are touched",
                        EMPTY, subscribe(SINGLE, null, SMS_MARKETING))
                        .consent(SMS_MARKETING, SUBSCRIBED).history(1),
                when("every channel can be subscribed at once",
                        EMPTY, subscribe(SINGLE, null, Channel.values()))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).consent(SMS_MARKETING, SUBSCRIBED)
                        .consent(SMS_TRANSACTIONAL, SUBSCRIBED).consent(MOBILE_PUSH_MARKETING, SUBSCRIBED)
                        .consent(WHATSAPP_MARKETING, SUBSCRIBED).consent(Channel.WHATSAPP_TRANSACTIONAL, SUBSCRIBED)
                        .consent(Channel.WHATSAPP_CONVERSATIONAL, SUBSCRIBED).consent(EMAIL_OPEN_TRACKING, SUBSCRIBED)
                        .history(8),
                when("email subscribe clears UNSUBSCRIBE, SPAM_COMPLAINT, USER_SUPPRESSED; bounces stay",
                        EVERY_SUPPRESSION, subscribe(SINGLE, null, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).suppressions(HARD_BOUNCE, INVALID_EMAIL).history(4),
                when("email subscribe to a list clears that list's suppression",
                        withListSuppression(EMAIL_SUBSCRIBED, "L1"), subscribe(SINGLE, "L1", EMAIL_MARKETING))
                        .listSuppressions().effects(new AddToList("L1")).history(1),
                when("email subscribe to another list keeps the list suppression",
                        withListSuppression(EMPTY, "L1"), subscribe(SINGLE, "L2", EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).effects(new AddToList("L2")).history(1),
                when("an SMS subscribe clears no email suppression",
                        withSuppressions(EMPTY, USER_SUPPRESSED), subscribe(SINGLE, null, SMS_MARKETING))
                        .consent(SMS_MARKETING, SUBSCRIBED).history(1),
                when("an already subscribed profile changes nothing but still joins the list",
                        EMAIL_SUBSCRIBED, subscribe(SINGLE, "L1", EMAIL_MARKETING))
                        .effects(new AddToList("L1")).history(0),
                when("an unsubscribed profile resubscribes and loses its UNSUBSCRIBE suppression",
                        EMAIL_UNSUBSCRIBED, subscribe(SINGLE, null, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).suppressions().history(2),
                when("a historical import bypasses double opt-in and joins the list",
                        EMPTY, historicalImport(Fixtures.EARLIER, "L1", EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).effects(new AddToList("L1")).history(1),
                when("a single opt-in on a pending channel fulfils that list's pending entry",
                        PENDING_L1, subscribe(SINGLE, "L1", EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).pending().effects(new AddToList("L1")).history(1));
    }

    static Stream<Row> doubleOptingIn() {
        return Stream.of(
                when("double opt-in makes email pending and waits with the list add",
                        EMPTY, subscribe(DOUBLE, "L1", EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, PENDING).pending("EMAIL_MARKETING/L1").history(1),
                when("double opt-in without a list is pending too",
                        EMPTY, subscribe(DOUBLE, null, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, PENDING).pending("EMAIL_MARKETING/null").history(1),
                when("SMS marketing confirms double opt-ins as well",
                        EMPTY, subscribe(DOUBLE, "L1", SMS_MARKETING))
                        .consent(SMS_MARKETING, PENDING).pending("SMS_MARKETING/L1").history(1),
                when("a channel without confirmation is subscribed at once",
                        EMPTY, subscribe(DOUBLE, "L1", MOBILE_PUSH_MARKETING))
                        .consent(MOBILE_PUSH_MARKETING, SUBSCRIBED).effects(new AddToList("L1")).history(1),
                when("a list add waits while any channel of the command waits",
                        EMPTY, subscribe(DOUBLE, "L1", EMAIL_MARKETING, MOBILE_PUSH_MARKETING))
                        .consent(EMAIL_MARKETING, PENDING).consent(MOBILE_PUSH_MARKETING, SUBSCRIBED)
                        .pending("EMAIL_MARKETING/L1").history(2),
                when("an already subscribed profile stays subscribed while the list waits",
                        EMAIL_SUBSCRIBED, subscribe(DOUBLE, "L1", EMAIL_MARKETING))
                        .pending("EMAIL_MARKETING/L1").history(0),
                when("an unsubscribed profile becomes pending and keeps its suppression",
                        EMAIL_UNSUBSCRIBED, subscribe(DOUBLE, "L1", EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, PENDING).pending("EMAIL_MARKETING/L1").history(1),
                when("a list suppression stays until the confirmation",
                        withListSuppression(EMPTY, "L1"), subscribe(DOUBLE, "L1", EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, PENDING).pending("EMAIL_MARKETING/L1").history(1),
                when("asking again for the same list changes no consent",
                        PENDING_L1, subscribe(DOUBLE, "L1", EMAIL_MARKETING)).history(0),
                when("asking for another list adds a second pending entry",
                        PENDING_L1, subscribe(DOUBLE, "L2", EMAIL_MARKETING))
                        .pending("EMAIL_MARKETING/L1", "EMAIL_MARKETING/L2").history(0));
    }

    static Stream<Row> confirming() {
        ConsentState suppressedPending = after(unsubscribe(null, false, EMAIL_MARKETING),
                suppress(USER_SUPPRESSED), suppress(HARD_BOUNCE), subscribe(DOUBLE, "L1", EMAIL_MARKETING));
        return Stream.of(
                when("confirming subscribes and joins the list",
                        PENDING_L1, confirm(EMAIL_MARKETING, "L1"))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).pending().effects(new AddToList("L1")).history(1),
                when("confirming an opt-in without a list joins no list",
                        after(subscribe(DOUBLE, null, SMS_MARKETING)), confirm(SMS_MARKETING, null))
                        .consent(SMS_MARKETING, SUBSCRIBED).pending().history(1),
                when("confirming clears the suppressions a subscribe clears",
                        suppressedPending, confirm(EMAIL_MARKETING, "L1"))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).suppressions(HARD_BOUNCE).pending()
                        .effects(new AddToList("L1")).history(3),
                when("confirming clears that list's suppression",
                        withListSuppression(PENDING_L1, "L1"), confirm(EMAIL_MARKETING, "L1"))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).listSuppressions().pending()
                        .effects(new AddToList("L1")).history(2),
                when("confirming with nothing pending is reported and changes nothing",
                        EMPTY, confirm(EMAIL_MARKETING, "L1")).nothingToConfirm(),
                when("confirming another list than the pending one is reported",
                        PENDING_L1, confirm(EMAIL_MARKETING, "L2")).nothingToConfirm(),
                when("confirming one list leaves the other list pending",
                        PENDING_L1_L2, confirm(EMAIL_MARKETING, "L1"))
                        .consent(EMAIL_MARKETING, SUBSCRIBED).pending("EMAIL_MARKETING/L2")
                        .effects(new AddToList("L1")).history(1),
                when("confirming on a subscribed channel only joins the list",
                        after(subscribe(SINGLE, null, EMAIL_MARKETING), subscribe(DOUBLE, "L1", EMAIL_MARKETING)),
                        confirm(EMAIL_MARKETING, "L1"))
                        .pending().effects(new AddToList("L1")).history(0));
    }

    /** Klaviyo's default: "unsubscribed from all lists whenever they unsubscribe" (help centre, email settings). */
    static Stream<Row> unsubscribingGlobally() {
        ConsentState emailAndSmsOnL1 = after(subscribe(SINGLE, "L1", EMAIL_MARKETING, SMS_MARKETING));
        return Stream.of(
                when("a list unsubscribe of a member is global, and the member leaves the list",
                        EMAIL_SUBSCRIBED, unsubscribe("L1", true, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE)
                        .effects(new RemoveFromList("L1")).history(2),
                when("a list unsubscribe of a non-member is global and leaves no list",
                        EMAIL_SUBSCRIBED, unsubscribe("L1", false, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE).history(2),
                when("an unsubscribe without a list is global",
                        EMAIL_SUBSCRIBED, unsubscribe(null, false, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE).history(2),
                when("a never subscribed profile can unsubscribe",
                        EMPTY, unsubscribe(null, false, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE).history(2),
                when("an SMS unsubscribe adds no email suppression",
                        after(subscribe(SINGLE, null, SMS_MARKETING)), unsubscribe(null, false, SMS_MARKETING))
                        .consent(SMS_MARKETING, UNSUBSCRIBED).history(1),
                when("an SMS member of the list is unsubscribed and leaves the list",
                        after(subscribe(SINGLE, "L1", SMS_MARKETING)), unsubscribe("L1", true, SMS_MARKETING))
                        .consent(SMS_MARKETING, UNSUBSCRIBED).effects(new RemoveFromList("L1")).history(1),
                when("email and SMS of a member: both unsubscribed, one removal from the list",
                        emailAndSmsOnL1, unsubscribe("L1", true, EMAIL_MARKETING, SMS_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).consent(SMS_MARKETING, UNSUBSCRIBED)
                        .suppressions(UNSUBSCRIBE).effects(new RemoveFromList("L1")).history(3),
                when("unsubscribing the unsubscribed changes nothing",
                        EMAIL_UNSUBSCRIBED, unsubscribe(null, false, EMAIL_MARKETING)).history(0),
                when("an unsubscribed member only leaves the list",
                        EMAIL_UNSUBSCRIBED, unsubscribe("L1", true, EMAIL_MARKETING))
                        .effects(new RemoveFromList("L1")).history(0),
                when("a suppressed subscriber loses only the consent",
                        withSuppressions(EMAIL_SUBSCRIBED, UNSUBSCRIBE), unsubscribe(null, false, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).history(1),
                when("a global unsubscribe cancels every pending opt-in of the channel",
                        PENDING_L1_L2, unsubscribe(null, false, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE).pending().history(2),
                when("a member's list unsubscribe cancels the other lists' opt-ins as well",
                        PENDING_L1_L2, unsubscribe("L1", true, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE).pending()
                        .effects(new RemoveFromList("L1")).history(2),
                when("an earlier list suppression stays beside the global one",
                        withListSuppression(EMAIL_SUBSCRIBED, "L1"), unsubscribe("L1", true, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE)
                        .effects(new RemoveFromList("L1")).history(2));
    }

    /** The paid-account setting: "only be suppressed from the list" (help centre, unsubscribes). */
    static Stream<Row> unsubscribingFromTheListOnly() {
        return Stream.of(
                when("list scope: a member's email gets a list suppression and leaves; consent stays",
                        EMAIL_SUBSCRIBED, unsubscribe(LIST, "L1", true, EMAIL_MARKETING))
                        .listSuppressions("L1").effects(new RemoveFromList("L1")).history(1),
                when("list scope: a non-member is still unsubscribed globally (spec)",
                        EMAIL_SUBSCRIBED, unsubscribe(LIST, "L1", false, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE).history(2),
                when("list scope: without a list the unsubscribe is global",
                        EMAIL_SUBSCRIBED, unsubscribe(LIST, null, false, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, UNSUBSCRIBED).suppressions(UNSUBSCRIBE).history(2),
                when("list scope: SMS has no list suppression and unsubscribes globally",
                        after(subscribe(SINGLE, "L1", SMS_MARKETING)), unsubscribe(LIST, "L1", true, SMS_MARKETING))
                        .consent(SMS_MARKETING, UNSUBSCRIBED).effects(new RemoveFromList("L1")).history(1),
                when("list scope: email and SMS of a member: email list-suppressed, SMS unsubscribed",
                        after(subscribe(SINGLE, "L1", EMAIL_MARKETING, SMS_MARKETING)),
                        unsubscribe(LIST, "L1", true, EMAIL_MARKETING, SMS_MARKETING))
                        .consent(SMS_MARKETING, UNSUBSCRIBED).listSuppressions("L1")
                        .effects(new RemoveFromList("L1")).history(2),
                when("list scope: cancels that list's opt-in; nothing left pending, never subscribed",
                        PENDING_L1, unsubscribe(LIST, "L1", true, EMAIL_MARKETING))
                        .consent(EMAIL_MARKETING, NEVER_SUBSCRIBED).listSuppressions("L1").pending()
                        .effects(new RemoveFromList("L1")).history(2),
                when("list scope: keeps the other list's opt-in pending",
                        PENDING_L1_L2, unsubscribe(LIST, "L1", true, EMAIL_MARKETING))
                        .listSuppressions("L1").pending("EMAIL_MARKETING/L2")
                        .effects(new RemoveFromList("L1")).history(1),
                when("list scope: a second list unsubscribe keeps the first suppression and still removes",
                        withListSuppression(EMAIL_SUBSCRIBED, "L1"), unsubscribe(LIST, "L1", true, EMAIL_MARKETING))
                        .effects(new RemoveFromList("L1")).history(0));
    }

    static Stream<Row> suppressing() {
        Stream<Row> eachReason = Arrays.stream(SuppressionReason.values()).map(reason ->
                when("suppressing with " + reason + " adds it and leaves consent alone",
                        EMAIL_SUBSCRIBED, suppress(reason)).suppressions(reason).history(1));
        return Stream.concat(eachReason, Stream.of(
                when("suppressing twice changes nothing",
                        withSuppressions(EMPTY, USER_SUPPRESSED), suppress(USER_SUPPRESSED)).history(0),
                when("unsuppress removes USER_SUPPRESSED and nothing else",
                        EVERY_SUPPRESSION, unsuppress())
                        .suppressions(HARD_BOUNCE, INVALID_EMAIL, SPAM_COMPLAINT, UNSUBSCRIBE).history(1),
                when("unsuppress with no USER_SUPPRESSED changes nothing",
                        withSuppressions(EMAIL_UNSUBSCRIBED, UNSUBSCRIBE, HARD_BOUNCE), unsuppress()).history(0),
                when("unsuppress of an unsuppressed profile changes nothing", EMPTY, unsuppress()).history(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"subscribing", "doubleOptingIn", "confirming", "unsubscribingGlobally", "unsubscribingFromTheListOnly",
            "suppressing"})
    void transition(Row row) {
        ConsentOutcome outcome = ConsentRules.apply(row.given, row.command, NOW);
        ConsentState state = outcome.state();

        for (Channel channel : Channel.values()) {
            assertThat(state.channel(channel).consent()).as(channel.name()).isEqualTo(row.consents.get(channel));
        }
        assertThat(state.suppressions()).extracting(Suppression::reason)
                .containsExactlyInAnyOrderElementsOf(row.suppressions);
        assertThat(state.listSuppressions()).extracting(ListSuppression::listId)
                .containsExactlyInAnyOrderElementsOf(row.listSuppressions);
        assertThat(state.pending()).extracting(Row::key).containsExactlyInAnyOrderElementsOf(row.pending);
        assertThat(outcome.effects()).containsExactlyElementsOf(row.effects);
        assertThat(outcome.history()).hasSize(row.history);
        assertThat(outcome.nothingToConfirm()).isEqualTo(row.nothingToConfirm);
        // No history means no consent or suppression changed, not even a timestamp; only pending
        // opt-ins (which are not history) may differ.
        if (row.history == 0) {
            assertThat(state).as("no history, no change").isEqualTo(row.given.withPending(state.pending()));
        }
    }
}
