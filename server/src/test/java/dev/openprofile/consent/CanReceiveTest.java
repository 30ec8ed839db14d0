package dev.openprofile.consent;

import static dev.openprofile.consent.Channel.EMAIL_MARKETING;
import static dev.openprofile.consent.Consent.NEVER_SUBSCRIBED;
import static dev.openprofile.consent.Consent.PENDING;
import static dev.openprofile.consent.Consent.SUBSCRIBED;
import static dev.openprofile.consent.Consent.UNSUBSCRIBED;
import static dev.openprofile.consent.Fixtures.with;
import static dev.openprofile.consent.Fixtures.withSuppressions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The derived can_receive flags: email needs no suppression and no opt-out; every other channel needs SUBSCRIBED. */
class CanReceiveTest {

    static Stream<Arguments> email() {
        ConsentState empty = ConsentState.EMPTY;
        Stream<Arguments> eachReason = Arrays.stream(SuppressionReason.values()).map(reason -> Arguments.of(
                "subscribed but suppressed with " + reason, withSuppressions(with(empty, EMAIL_MARKETING, SUBSCRIBED), reason), false));
        return Stream.concat(eachReason, Stream.of(
                Arguments.of("never subscribed", empty, true),
                Arguments.of("subscribed", with(empty, EMAIL_MARKETING, SUBSCRIBED), true),
                Arguments.of("unsubscribed without a suppression", with(empty, EMAIL_MARKETING, UNSUBSCRIBED), false),
                Arguments.of("pending a double opt-in", with(empty, EMAIL_MARKETING, PENDING), false)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("email")
    void emailMarketing(String name, ConsentState state, boolean expected) {
        assertThat(state.canReceiveEmailMarketing()).isEqualTo(expected);
        assertThat(state.canReceive(EMAIL_MARKETING)).isEqualTo(expected);
    }

    static Stream<Arguments> otherChannels() {
        return Arrays.stream(Channel.values()).filter(c -> c != EMAIL_MARKETING).flatMap(channel -> Stream.of(
                Arguments.of(channel, SUBSCRIBED, true),
                Arguments.of(channel, NEVER_SUBSCRIBED, false),
                Arguments.of(channel, UNSUBSCRIBED, false),
                Arguments.of(channel, PENDING, false)));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("otherChannels")
    void otherChannelsNeedExplicitConsent(Channel channel, Consent consent, boolean expected) {
        assertThat(with(ConsentState.EMPTY, channel, consent).canReceive(channel)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherChannels")
    void emailSuppressionsDoNotBlockOtherChannels(Channel channel, Consent consent, boolean expected) {
        ConsentState suppressed = withSuppressions(with(ConsentState.EMPTY, channel, consent), SuppressionReason.values());
        assertThat(suppressed.canReceive(channel)).isEqualTo(expected);
    }
}
