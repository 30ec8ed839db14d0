package dev.openprofile.consent;

import static dev.openprofile.consent.Channel.EMAIL_MARKETING;
import static dev.openprofile.consent.Channel.SMS_MARKETING;
import static dev.openprofile.consent.Fixtures.ACTOR;
import static dev.openprofile.consent.Fixtures.EARLIER;
import static dev.openprofile.consent.Fixtures.NOW;
import static dev.openprofile.consent.Fixtures.after;
import static dev.openprofile.consent.Fixtures.confirm;
import static dev.openprofile.consent.Fixtures.historicalImport;
import static dev.openprofile.consent.Fixtures.subscribe;
import static dev.openprofile.consent.Fixtures.subscribeFrom;
import static dev.openprofile.consent.Fixtures.suppress;
import static dev.openprofile.consent.Fixtures.unsubscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openprofile.consent.ConsentCommand.Subscribe;
import dev.openprofile.consent.ConsentCommand.Unsubscribe;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the consent records, suppressions, pending entries and history entries hold after a command. */
class ConsentRecordTest {

    @Test
    void singleOptInRecordsApiMethodCustomSourceAndNow() {
        Subscribe command = subscribeFrom("Spring fair", OptInProcess.SINGLE, "L1", EMAIL_MARKETING);
        ConsentOutcome outcome = ConsentRules.apply(ConsentState.EMPTY, command, NOW);

        assertThat(outcome.state().channel(EMAIL_MARKETING)).isEqualTo(
                new ChannelConsent(Consent.SUBSCRIBED, NOW, NOW, "API", null, "Spring fair", false));
        assertThat(outcome.history()).containsExactly(new ConsentChange(
                "EMAIL_MARKETING", "NEVER_SUBSCRIBED", "SUBSCRIBED", "API", "Spring fair", ACTOR, NOW));
    }

    @Test
    void historicalImportKeepsTheGivenConsentTime() {
        Subscribe command = historicalImport(EARLIER, null, EMAIL_MARKETING);
        ConsentState state = ConsentRules.apply(ConsentState.EMPTY, command, NOW).state();

        assertThat(state.channel(EMAIL_MARKETING).consentTimestamp()).isEqualTo(EARLIER);
        assertThat(state.channel(EMAIL_MARKETING).lastUpdated()).isEqualTo(NOW);
        assertThat(state.channel(EMAIL_MARKETING).doubleOptin()).isFalse();
    }

    @Test
    void consentTimesBefore1990AreClampedTo1990() {
        OffsetDateTime longAgo = OffsetDateTime.of(1969, 7, 20, 20, 17, 0, 0, ZoneOffset.UTC);
        Subscribe command = historicalImport(longAgo, null, SMS_MARKETING);
        ConsentState state = ConsentRules.apply(ConsentState.EMPTY, command, NOW).state();

        assertThat(state.channel(SMS_MARKETING).consentTimestamp())
                .isEqualTo(OffsetDateTime.of(1990, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void doubleOptInRecordsThePendingRequestAndNoConsentYet() {
        Subscribe command = subscribeFrom("Footer form", OptInProcess.DOUBLE, "L1", EMAIL_MARKETING);
        ConsentState state = ConsentRules.apply(ConsentState.EMPTY, command, NOW).state();

        assertThat(state.pending()).containsExactly(
                new PendingOptIn(EMAIL_MARKETING, "L1", NOW, "API", null, "Footer form"));
        assertThat(state.channel(EMAIL_MARKETING)).isEqualTo(
                new ChannelConsent(Consent.PENDING, null, NOW, null, null, null, null));
    }

    @Test
    void confirmationSubscribesWithDoubleOptInAtConfirmationTime() {
        ConsentState pending = after(subscribeFrom("Footer form", OptInProcess.DOUBLE, "L1", EMAIL_MARKETING));
        ConsentOutcome outcome = ConsentRules.apply(pending, confirm(EMAIL_MARKETING, "L1"), NOW);

        assertThat(outcome.state().channel(EMAIL_MARKETING)).isEqualTo(
                new ChannelConsent(Consent.SUBSCRIBED, NOW, NOW, "API", null, "Footer form", true));
        assertThat(outcome.history()).containsExactly(new ConsentChange(
                "EMAIL_MARKETING", "PENDING", "SUBSCRIBED", "API", "Footer form", ACTOR, NOW));
    }

    @Test
    void anAlreadySubscribedChannelKeepsItsFirstConsentRecord() {
        ConsentState subscribed = after(subscribe(OptInProcess.SINGLE, null, EMAIL_MARKETING));
        Subscribe again = subscribe(OptInProcess.SINGLE, "L1", EMAIL_MARKETING);

        assertThat(ConsentRules.apply(subscribed, again, NOW).state().channel(EMAIL_MARKETING))
                .isEqualTo(subscribed.channel(EMAIL_MARKETING));
    }

    @Test
    void globalUnsubscribeRecordsConsentAndSuppressionNow() {
        ConsentOutcome outcome = ConsentRules.apply(ConsentState.EMPTY, unsubscribe(null, false, EMAIL_MARKETING), NOW);

        assertThat(outcome.state().channel(EMAIL_MARKETING)).isEqualTo(
                new ChannelConsent(Consent.UNSUBSCRIBED, NOW, NOW, "API", null, null, null));
        assertThat(outcome.state().suppressions()).containsExactly(new Suppression(SuppressionReason.UNSUBSCRIBE, NOW));
        assertThat(outcome.history()).containsExactly(
                new ConsentChange("EMAIL_MARKETING", "NEVER_SUBSCRIBED", "UNSUBSCRIBED", "API", null, ACTOR, NOW),
                new ConsentChange("SUPPRESSION:UNSUBSCRIBE", "NOT_SUPPRESSED", "SUPPRESSED", "API", null, ACTOR, NOW));
    }

    @Test
    void listScopedUnsubscribeRecordsAnUnsubscribeListSuppression() {
        ConsentOutcome outcome = ConsentRules.apply(ConsentState.EMPTY,
                unsubscribe(UnsubscribeScope.LIST, "L1", true, EMAIL_MARKETING), NOW);

        assertThat(outcome.state().listSuppressions())
                .containsExactly(new ListSuppression("L1", SuppressionReason.UNSUBSCRIBE, NOW));
        assertThat(outcome.history()).extracting(ConsentChange::subject).containsExactly("LIST_SUPPRESSION:L1");
    }

    @Test
    void suppressingAgainKeepsTheEarliestTimestamp() {
        ConsentState suppressed = after(suppress(SuppressionReason.HARD_BOUNCE));
        ConsentState again = ConsentRules.apply(suppressed, suppress(SuppressionReason.HARD_BOUNCE), NOW).state();

        assertThat(again.suppressions()).containsExactly(new Suppression(SuppressionReason.HARD_BOUNCE, EARLIER));
    }

    @Test
    void commandsRejectWhatTheApiRejects() {
        Set<Channel> email = Set.of(EMAIL_MARKETING);
        assertThatThrownBy(() -> new Subscribe(email, null, OptInProcess.SINGLE, false, EARLIER, null, ACTOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historicalImport");
        assertThatThrownBy(() -> new Unsubscribe(Set.of(), null, false, UnsubscribeScope.GLOBAL, ACTOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
        assertThatThrownBy(() -> new Unsubscribe(email, null, true, UnsubscribeScope.LIST, ACTOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listId");
        assertThatThrownBy(() -> new Unsubscribe(email, "L1", true, null, ACTOR))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("scope");
    }

    @Test
    void aStateHoldsAtMostOneSuppressionPerReason() {
        List<Suppression> twice = List.of(new Suppression(SuppressionReason.UNSUBSCRIBE, EARLIER),
                new Suppression(SuppressionReason.UNSUBSCRIBE, NOW));
        assertThatThrownBy(() -> new ConsentState(Map.of(), twice, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNSUBSCRIBE");
    }
}
