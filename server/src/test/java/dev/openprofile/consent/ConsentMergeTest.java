package dev.openprofile.consent;

import static dev.openprofile.consent.Fixtures.EARLIER;
import static dev.openprofile.consent.Fixtures.NOW;
import static dev.openprofile.consent.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The consent a merged profile keeps (ConsentProfileData.merged): the destination's state wins, the source fills gaps. */
class ConsentMergeTest {
    static final ConsentState DEST = with(with(ConsentState.EMPTY, Channel.EMAIL_MARKETING, Consent.SUBSCRIBED),
            Channel.SMS_MARKETING, Consent.UNSUBSCRIBED)
            .withSuppressions(List.of(new Suppression(SuppressionReason.USER_SUPPRESSED, NOW)))
            .withListSuppressions(List.of(new ListSuppression("L1", SuppressionReason.UNSUBSCRIBE, NOW)))
            .withPending(List.of(new PendingOptIn(Channel.SMS_MARKETING, "L1", NOW, null, null, null)));
    static final ConsentState SOURCE = with(with(with(ConsentState.EMPTY, Channel.EMAIL_MARKETING, Consent.UNSUBSCRIBED),
            Channel.SMS_MARKETING, Consent.SUBSCRIBED), Channel.WHATSAPP_MARKETING, Consent.SUBSCRIBED)
            .withSuppressions(List.of(new Suppression(SuppressionReason.USER_SUPPRESSED, EARLIER),
                    new Suppression(SuppressionReason.HARD_BOUNCE, EARLIER)))
            .withListSuppressions(List.of(new ListSuppression("L1", SuppressionReason.UNSUBSCRIBE, EARLIER),
                    new ListSuppression("L2", SuppressionReason.UNSUBSCRIBE, EARLIER)))
            .withPending(List.of(new PendingOptIn(Channel.SMS_MARKETING, "L1", EARLIER, null, null, null),
                    new PendingOptIn(Channel.EMAIL_MARKETING, "L2", EARLIER, null, null, null)));

    @Test
    void eachChannelKeepsTheDestinationsRecordUnlessItNeverHadOne() {
        ConsentState merged = ConsentProfileData.merged(DEST, SOURCE);
        assertThat(merged.channel(Channel.EMAIL_MARKETING)).isEqualTo(DEST.channel(Channel.EMAIL_MARKETING));
        assertThat(merged.channel(Channel.SMS_MARKETING).consent()).as("the destination's unsubscribe wins").isEqualTo(Consent.UNSUBSCRIBED);
        assertThat(merged.channel(Channel.WHATSAPP_MARKETING)).isEqualTo(SOURCE.channel(Channel.WHATSAPP_MARKETING));
        assertThat(merged.channel(Channel.MOBILE_PUSH_MARKETING)).isEqualTo(ChannelConsent.NEVER_SUBSCRIBED);
    }

    @Test
    void suppressionsListSuppressionsAndPendingOptInsAreJoinedWithTheDestinationsWinningTheSameKey() {
        ConsentState merged = ConsentProfileData.merged(DEST, SOURCE);
        assertThat(merged.suppressions()).containsExactly(new Suppression(SuppressionReason.HARD_BOUNCE, EARLIER),
                new Suppression(SuppressionReason.USER_SUPPRESSED, NOW));
        assertThat(merged.listSuppressions()).containsExactly(new ListSuppression("L1", SuppressionReason.UNSUBSCRIBE, NOW),
                new ListSuppression("L2", SuppressionReason.UNSUBSCRIBE, EARLIER));
        assertThat(merged.pending()).containsExactly(new PendingOptIn(Channel.SMS_MARKETING, "L1", NOW, null, null, null),
                new PendingOptIn(Channel.EMAIL_MARKETING, "L2", EARLIER, null, null, null));
    }

    @Test
    void mergingAnUntouchedProfileChangesNothingAndAnUntouchedDestinationTakesTheSourcesState() {
        assertThat(ConsentProfileData.merged(DEST, ConsentState.EMPTY)).isEqualTo(DEST);
        assertThat(ConsentProfileData.merged(ConsentState.EMPTY, SOURCE)).isEqualTo(SOURCE);
    }
}
