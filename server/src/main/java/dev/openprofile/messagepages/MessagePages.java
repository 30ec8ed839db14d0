package dev.openprofile.messagepages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.consent.ConsentService;
import dev.openprofile.events.EventService;
import dev.openprofile.events.ProfileEvent;
import dev.openprofile.http.PageRoute;
import dev.openprofile.http.PageRoute.Page;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.metrics.Metric;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of a sent message. The unsubscribe page asks for a confirmation, as Klaviyo's does ("they will be taken
 * to a confirmation page to confirm the unsubscribe request"); confirming unsubscribes the profile from email
 * marketing through consent's one path and records Klaviyo's {@code Unsubscribed} event naming the message, in one
 * transaction. The preferences page shows the profile's email consent and offers the same unsubscribe. The web view
 * shows the message's HTML, sandboxed. An unknown token (or a message the outbox no longer keeps) is a 404 page.
 */
public final class MessagePages {
    static final String UNSUBSCRIBED_METRIC = "Unsubscribed";
    private static final String ACTOR = "unsubscribe page";

    private final Jdbc jdbc;
    private final ConsentService consent;
    private final EventService events;
    private final Clock clock;

    public MessagePages(Jdbc jdbc, ConsentService consent, EventService events, Clock clock) {
        this.jdbc = jdbc;
        this.consent = consent;
        this.events = events;
        this.clock = clock;
    }

    public List<PageRoute> routes() {
        return List.of(
                new PageRoute("GET", "/messages/{token}/unsubscribe", (path, form) -> withMessage(path, m -> confirmPage(path, m))),
                new PageRoute("POST", "/messages/{token}/unsubscribe", (path, form) -> withMessage(path, this::unsubscribe)),
                new PageRoute("GET", "/messages/{token}/preferences", (path, form) -> withMessage(path, m -> preferences(path, m))),
                new PageRoute("GET", "/messages/{token}/web-view", (path, form) -> withMessage(path, MessagePages::webView)));
    }

    private Page withMessage(Map<String, String> path, java.util.function.Function<SentMessage, Page> page) {
        Optional<SentMessage> m = jdbc.read(c -> SentMessage.byToken(c, path.get("token")));
        return m.map(page).orElseGet(() -> new Page(404, PageHtml.page("Not found",
                "<p>This link is not valid, or the message it belongs to is no longer kept.</p>"), false));
    }

    private static Page confirmPage(Map<String, String> path, SentMessage m) {
        return new Page(200, PageHtml.page("Unsubscribe", "<p>Unsubscribe <strong>" + PageHtml.escape(m.to())
                + "</strong> from all email marketing?</p><form method=\"post\" action=\"/messages/" + PageHtml.escape(path.get("token"))
                + "/unsubscribe\"><button type=\"submit\">Unsubscribe</button></form>"), false);
    }

    private Page unsubscribe(SentMessage m) {
        ObjectNode properties = Json.MAPPER.createObjectNode().put("$message", m.messageId());
        if (m.campaignName() != null) properties.put("Campaign Name", m.campaignName());
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        Runnable[] after = {() -> {}};
        boolean changed = consent.unsubscribeEmail(m.accountId(), m.profileId(), ACTOR, c -> after[0] = events.recordLocked(c,
                m.accountId(), m.profileId(), new ProfileEvent(UNSUBSCRIBED_METRIC, Metric.KLAVIYO, now, null, properties)));
        after[0].run();
        return new Page(200, PageHtml.page("Unsubscribed", "<p>" + PageHtml.escape(m.to()) + (changed
                ? " will no longer receive email marketing.</p>" : " was already unsubscribed from email marketing.</p>")), false);
    }

    private Page preferences(Map<String, String> path, SentMessage m) {
        Map<String, ObjectNode> subscriptions = consent.subscriptions(m.accountId(), List.of(m.profileId()));
        ObjectNode email = (ObjectNode) subscriptions.get(m.profileId()).at("/email/marketing");
        String state = email.path("consent").asText("NEVER_SUBSCRIBED");
        boolean can = email.path("can_receive_email_marketing").asBoolean();
        return new Page(200, PageHtml.page("Email preferences", "<p>" + PageHtml.escape(m.to()) + ": email marketing consent <strong>"
                + PageHtml.escape(state) + "</strong>; " + (can ? "receives" : "does not receive") + " email marketing.</p>"
                + (can ? "<form method=\"post\" action=\"/messages/" + PageHtml.escape(path.get("token"))
                        + "/unsubscribe\"><button type=\"submit\">Unsubscribe from all email marketing</button></form>" : "")), false);
    }

    private static Page webView(SentMessage m) {
        if (m.html() != null) return new Page(200, m.html(), true);
        return new Page(200, PageHtml.page(m.subject() != null ? m.subject() : "Message", "<pre>" + PageHtml.escape(m.text()) + "</pre>"), false);
    }
}
