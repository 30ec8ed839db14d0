package dev.openprofile.consent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import java.util.Locale;

/**
 * Writes a {@link ConsentState} as the spec's {@code Subscriptions} object (a profile's {@code
 * attributes.subscriptions}), each channel object with exactly the keys its schema defines, in the
 * schema's order. Every channel is present, NEVER_SUBSCRIBED included, and absent values are explicit
 * nulls, so clients find every key the spec declares.
 *
 * <p>Some keys have no source in our model and are always null: {@code created_timestamp},
 * {@code metadata} and {@code valid_until} of the permission-shaped channels (open tracking,
 * WhatsApp), and WhatsApp's {@code phone_number} (the profile's, which the caller owns).
 */
public final class SubscriptionsRenderer {
    private SubscriptionsRenderer() {}

    public static ObjectNode render(ConsentState state) {
        ObjectNode subscriptions = Json.MAPPER.createObjectNode();
        ObjectNode email = subscriptions.putObject("email");
        email.set("marketing", emailMarketing(state));
        email.set("open_tracking", permission(state, Channel.EMAIL_OPEN_TRACKING));
        ObjectNode sms = subscriptions.putObject("sms");
        sms.set("marketing", sms(state, Channel.SMS_MARKETING, "can_receive_sms_marketing"));
        sms.set("transactional", sms(state, Channel.SMS_TRANSACTIONAL, "can_receive_sms_transactional"));
        ChannelConsent push = state.channel(Channel.MOBILE_PUSH_MARKETING);
        subscriptions.putObject("mobile_push").putObject("marketing")
                .put("can_receive_push_marketing", state.canReceive(Channel.MOBILE_PUSH_MARKETING))
                .put("consent", wire(push.consent()))
                .put("consent_timestamp", Rfc3339.format(push.consentTimestamp()));
        ObjectNode whatsapp = subscriptions.putObject("whatsapp");
        for (Channel channel : new Channel[] {
                Channel.WHATSAPP_MARKETING, Channel.WHATSAPP_TRANSACTIONAL, Channel.WHATSAPP_CONVERSATIONAL}) {
            String key = channel.name().substring("WHATSAPP_".length()).toLowerCase(Locale.ROOT);
            ObjectNode permission = permission(state, channel);
            permission.putNull("phone_number");
            whatsapp.set(key, permission);
        }
        return subscriptions;
    }

    /**
     * The consent value on the wire. Klaviyo shows only SUBSCRIBED, UNSUBSCRIBED and NEVER_SUBSCRIBED
     * (semantics §12), and a profile that has not confirmed a double opt-in shows as never subscribed;
     * so does our PENDING.
     */
    static String wire(Consent consent) {
        return consent == Consent.PENDING ? Consent.NEVER_SUBSCRIBED.name() : consent.name();
    }

    private static ObjectNode emailMarketing(ConsentState state) {
        ChannelConsent r = state.channel(Channel.EMAIL_MARKETING);
        ObjectNode marketing = Json.MAPPER.createObjectNode()
                .put("can_receive_email_marketing", state.canReceiveEmailMarketing())
                .put("consent", wire(r.consent()))
                .put("consent_timestamp", Rfc3339.format(r.consentTimestamp()))
                .put("last_updated", Rfc3339.format(r.lastUpdated()))
                .put("method", r.method())
                .put("method_detail", r.methodDetail())
                .put("custom_method_detail", r.customMethodDetail())
                .put("double_optin", r.doubleOptin());
        ArrayNode suppression = marketing.putArray("suppression");
        for (Suppression s : state.suppressions()) {
            suppression.addObject().put("reason", s.reason().name()).put("timestamp", Rfc3339.format(s.timestamp()));
        }
        ArrayNode listSuppressions = marketing.putArray("list_suppressions");
        for (ListSuppression s : state.listSuppressions()) {
            listSuppressions.addObject()
                    .put("list_id", s.listId())
                    .put("reason", s.reason().name())
                    .put("timestamp", Rfc3339.format(s.timestamp()));
        }
        return marketing;
    }

    private static ObjectNode sms(ConsentState state, Channel channel, String canReceiveKey) {
        ChannelConsent r = state.channel(channel);
        return Json.MAPPER.createObjectNode()
                .put(canReceiveKey, state.canReceive(channel))
                .put("consent", wire(r.consent()))
                .put("consent_timestamp", Rfc3339.format(r.consentTimestamp()))
                .put("method", r.method())
                .put("method_detail", r.methodDetail())
                .put("last_updated", Rfc3339.format(r.lastUpdated()));
    }

    /** The permission-shaped objects: OpenTrackingConsent and the three Whatsapp*Channel schemas. */
    private static ObjectNode permission(ConsentState state, Channel channel) {
        ChannelConsent r = state.channel(channel);
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("consent", wire(r.consent()))
                .put("consent_timestamp", Rfc3339.format(r.consentTimestamp()))
                .put("last_updated", Rfc3339.format(r.lastUpdated()));
        node.putNull("created_timestamp");
        node.putNull("metadata");
        node.put("can_receive", state.canReceive(channel));
        node.putNull("valid_until");
        return node;
    }
}
