package dev.openprofile.consent;

import static dev.openprofile.consent.Channel.EMAIL_MARKETING;
import static dev.openprofile.consent.Channel.MOBILE_PUSH_MARKETING;
import static dev.openprofile.consent.Channel.SMS_MARKETING;
import static dev.openprofile.consent.Channel.WHATSAPP_MARKETING;
import static dev.openprofile.consent.Fixtures.ACTOR;
import static dev.openprofile.consent.Fixtures.NOW;
import static dev.openprofile.consent.Fixtures.after;
import static dev.openprofile.consent.Fixtures.subscribe;
import static dev.openprofile.consent.Fixtures.suppress;
import static dev.openprofile.consent.Fixtures.unsubscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.consent.ConsentCommand.Subscribe;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code subscriptions} object on the wire: the spec's shape, Klaviyo's consent values and timestamps. */
class SubscriptionsRendererTest {
    static final ConsentState BUSY = ConsentRules.apply(after(
            new Subscribe(Set.of(EMAIL_MARKETING, SMS_MARKETING), "L1", OptInProcess.SINGLE, false, null, "Spring fair", ACTOR),
            subscribe(OptInProcess.SINGLE, null, MOBILE_PUSH_MARKETING, WHATSAPP_MARKETING),
            unsubscribe(UnsubscribeScope.LIST, "L2", true, EMAIL_MARKETING), // a list suppression to render
            suppress(SuppressionReason.HARD_BOUNCE)), unsubscribe(null, false, Channel.SMS_TRANSACTIONAL), NOW).state();

    @Test
    void rendersEveryChannelInTheSpecShape() throws Exception {
        JsonNode expected = Json.MAPPER.readTree("""
                {
                  "email": {
                    "marketing": {
                      "can_receive_email_marketing": false,
                      "consent": "SUBSCRIBED",
                      "consent_timestamp": "2025-06-01T08:00:00+00:00",
                      "last_updated": "2025-06-01T08:00:00+00:00",
                      "method": "API",
                      "method_detail": null,
                      "custom_method_detail": "Spring fair",
                      "double_optin": false,
                      "suppression": [{"reason": "HARD_BOUNCE", "timestamp": "2025-06-01T08:00:00+00:00"}],
                      "list_suppressions": [
                        {"list_id": "L2", "reason": "UNSUBSCRIBE", "timestamp": "2025-06-01T08:00:00+00:00"}]
                    },
                    "open_tracking": {
                      "consent": "NEVER_SUBSCRIBED", "consent_timestamp": null, "last_updated": null,
                      "created_timestamp": null, "metadata": null, "can_receive": false, "valid_until": null
                    }
                  },
                  "sms": {
                    "marketing": {
                      "can_receive_sms_marketing": true, "consent": "SUBSCRIBED",
                      "consent_timestamp": "2025-06-01T08:00:00+00:00", "method": "API", "method_detail": null,
                      "last_updated": "2025-06-01T08:00:00+00:00"
                    },
                    "transactional": {
                      "can_receive_sms_transactional": false, "consent": "UNSUBSCRIBED",
                      "consent_timestamp": "2026-07-15T12:30:45+00:00", "method": "API", "method_detail": null,
                      "last_updated": "2026-07-15T12:30:45+00:00"
                    }
                  },
                  "mobile_push": {
                    "marketing": {
                      "can_receive_push_marketing": true, "consent": "SUBSCRIBED",
                      "consent_timestamp": "2025-06-01T08:00:00+00:00"
                    }
                  },
                  "whatsapp": {
                    "marketing": {
                      "consent": "SUBSCRIBED", "consent_timestamp": "2025-06-01T08:00:00+00:00",
                      "last_updated": "2025-06-01T08:00:00+00:00", "created_timestamp": null, "metadata": null,
                      "can_receive": true, "valid_until": null, "phone_number": null
                    },
                    "transactional": {
                      "consent": "NEVER_SUBSCRIBED", "consent_timestamp": null, "last_updated": null,
                      "created_timestamp": null, "metadata": null, "can_receive": false, "valid_until": null,
                      "phone_number": null
                    },
                    "conversational": {
                      "consent": "NEVER_SUBSCRIBED", "consent_timestamp": null, "last_updated": null,
                      "created_timestamp": null, "metadata": null, "can_receive": false, "valid_until": null,
                      "phone_number": null
                    }
                  }
                }
                """);

        assertThat(SubscriptionsRenderer.render(BUSY)).isEqualTo(expected);
    }

    @Test
    void keysComeInTheSchemasOrder() {
        JsonNode marketing = SubscriptionsRenderer.render(BUSY).path("email").path("marketing");
        List<String> keys = new ArrayList<>();
        marketing.fieldNames().forEachRemaining(keys::add);

        assertThat(keys).containsExactly("can_receive_email_marketing", "consent", "consent_timestamp", "last_updated",
                "method", "method_detail", "custom_method_detail", "double_optin", "suppression", "list_suppressions");
    }

    @Test
    void pendingShowsAsNeverSubscribedThatCannotReceiveYet() {
        ConsentState pending = after(subscribe(OptInProcess.DOUBLE, "L1", EMAIL_MARKETING, SMS_MARKETING));
        JsonNode rendered = SubscriptionsRenderer.render(pending);

        assertThat(rendered.at("/email/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(rendered.at("/email/marketing/can_receive_email_marketing").asBoolean()).isFalse();
        assertThat(rendered.at("/sms/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(rendered.at("/sms/marketing/can_receive_sms_marketing").asBoolean()).isFalse();
    }

    @Test
    void aNewProfileCanReceiveEmailAndNothingElse() {
        JsonNode rendered = SubscriptionsRenderer.render(ConsentState.EMPTY);

        assertThat(rendered.at("/email/marketing/can_receive_email_marketing").asBoolean()).isTrue();
        assertThat(rendered.at("/email/marketing/suppression").isEmpty()).isTrue();
        assertThat(rendered.at("/sms/marketing/can_receive_sms_marketing").asBoolean()).isFalse();
        assertThat(rendered.at("/mobile_push/marketing/can_receive_push_marketing").asBoolean()).isFalse();
    }

    @Test
    void validatesAgainstTheSpecsSubscriptionsSchema() {
        for (ConsentState state : List.of(ConsentState.EMPTY, BUSY,
                after(subscribe(OptInProcess.DOUBLE, "L1", Channel.values())))) {
            assertSpecValid(SubscriptionsRenderer.render(state));
        }
    }

    @Test
    void theSchemaCheckCatchesAMissingRequiredKey() {
        ObjectNode broken = SubscriptionsRenderer.render(BUSY);
        ((ObjectNode) broken.at("/sms/marketing")).remove("consent");

        assertThatThrownBy(() -> assertSpecValid(broken)).isInstanceOf(AssertionError.class).hasMessageContaining("consent");
    }

    /**
     * SpecValidator checks whole responses, so the object goes inside a minimal get_profile document,
     * whose schema reaches {@code Subscriptions} through the {@code additional-fields} overlay.
     */
    static void assertSpecValid(ObjectNode subscriptions) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        ObjectNode data = document.putObject("data").put("type", "profile").put("id", "01JCONSENT00000000000000000");
        data.putObject("attributes").set("subscriptions", subscriptions);
        data.putObject("links").put("self", "https://a.klaviyo.com/api/profiles/01JCONSENT00000000000000000/");
        SpecValidator.load().assertValid("get_profile", 200, document);
    }
}
