package dev.openprofile.webhooks;

import java.util.List;

/**
 * The topics a webhook can subscribe to: the Klaviyo system topics of "Working with system webhooks" that
 * OpenProfile really emits. Klaviyo lists the metrics of the account's channels (email, SMS, push, reviews);
 * OpenProfile offers the consent topics its consent changes record and the Received Email, SMS and Push events its
 * emulated campaign sends record (docs/compatibility.md, "Webhooks"). A fixed catalogue, the same for every account.
 */
final class WebhookTopics {
    static final String TYPE = "webhook-topic";
    static final String PATH = "/api/webhook-topics";
    /** Klaviyo's system metrics are topics {@code event:klaviyo.<metric key>}. */
    static final String SYSTEM_PREFIX = "event:klaviyo.";

    static final List<String> ALL = List.of(
            SYSTEM_PREFIX + "subscribed_to_email_marketing",
            SYSTEM_PREFIX + "unsubscribed_from_email_marketing",
            SYSTEM_PREFIX + "manually_suppressed_from_email_marketing",
            SYSTEM_PREFIX + "manually_unsuppressed_from_email_marketing",
            SYSTEM_PREFIX + "subscribed_to_sms_marketing",
            SYSTEM_PREFIX + "unsubscribed_from_sms_marketing",
            // The messages a campaign's emulated send records (campaigns.CampaignSender).
            SYSTEM_PREFIX + "received_email",
            SYSTEM_PREFIX + "received_sms",
            SYSTEM_PREFIX + "received_push");

    private WebhookTopics() {}

    static boolean exists(String id) {
        return ALL.contains(id);
    }

    static String ofMetric(String metricKey) {
        return SYSTEM_PREFIX + metricKey;
    }
}
