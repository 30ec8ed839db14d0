package dev.openprofile.consent;

import static dev.openprofile.consent.Channel.EMAIL_MARKETING;
import static dev.openprofile.consent.Fixtures.EARLIER;
import static dev.openprofile.consent.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage document: lossless, compact, and loud about documents it did not write. */
class ConsentStateJsonTest {

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        OffsetDateTime odd = OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(-5));
        ConsentState state = new ConsentState(
                Map.of(EMAIL_MARKETING, new ChannelConsent(Consent.SUBSCRIBED, odd, NOW, "API", "detail", "custom", true),
                        Channel.SMS_MARKETING, new ChannelConsent(Consent.PENDING, null, NOW, null, null, null, null)),
                List.of(new Suppression(SuppressionReason.USER_SUPPRESSED, NOW),
                        new Suppression(SuppressionReason.HARD_BOUNCE, EARLIER)),
                List.of(new ListSuppression("L2", SuppressionReason.UNSUBSCRIBE, odd),
                        new ListSuppression("L1", SuppressionReason.USER_SUPPRESSED, NOW)),
                List.of(new PendingOptIn(Channel.SMS_MARKETING, "L1", NOW, "API", null, "form"),
                        new PendingOptIn(Channel.SMS_MARKETING, null, EARLIER, null, null, null)));

        String stored = ConsentStateJson.toJson(state).toString();

        assertThat(ConsentStateJson.fromJson(Json.MAPPER.readTree(stored))).isEqualTo(state);
    }

    @Test
    void aNewProfileStoresAlmostNothing() {
        ObjectNode doc = ConsentStateJson.toJson(ConsentState.EMPTY);

        assertThat(doc.toString())
                .isEqualTo("{\"version\":1,\"channels\":{},\"suppressions\":[],\"list_suppressions\":[],\"pending\":[]}");
        assertThat(ConsentStateJson.fromJson(doc)).isEqualTo(ConsentState.EMPTY);
    }

    @Test
    void anUnknownVersionIsRejected() throws Exception {
        JsonNode future = Json.MAPPER.readTree("{\"version\":2,\"channels\":{}}");

        assertThatThrownBy(() -> ConsentStateJson.fromJson(future))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }
}
