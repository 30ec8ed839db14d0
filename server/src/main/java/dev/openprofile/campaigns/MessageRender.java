package dev.openprofile.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.outbox.OutboxMessage;
import dev.openprofile.templates.MessageTags;
import dev.openprofile.templates.TemplateRenderer;
import java.time.OffsetDateTime;

/**
 * A campaign message compiled once for its send and rendered per recipient: an email's subject, preview text, HTML
 * and text (from the template assigned to it), an SMS's body, a push's title and body. The recipient's profile is
 * the context, as Klaviyo's template language sees it ({@link RecipientContext}).
 */
final class MessageRender {
    private final String channel;
    private final JsonNode content;
    private final TemplateRenderer.Compiled subject;
    private final TemplateRenderer.Compiled previewText;
    private final TemplateRenderer.Compiled html;
    private final TemplateRenderer.Compiled text;

    /**
     * @throws TemplateRenderer.TemplateError when a part does not parse or uses what is not supported
     */
    MessageRender(TemplateRenderer renderer, String channel, JsonNode definition, Campaigns.TemplateContent template) {
        this.channel = channel;
        this.content = definition.path("content");
        boolean email = channel.equals("email");
        this.subject = compile(renderer, content.path(email ? "subject" : "title"), false);
        this.previewText = email ? compile(renderer, content.path("preview_text"), false) : null;
        this.html = email && template != null && template.html() != null ? renderer.compile(template.html(), true) : null;
        this.text = email
                ? (template != null && template.text() != null ? renderer.compile(template.text(), false) : null)
                : compile(renderer, content.path("body"), false);
    }

    /** @throws TemplateRenderer.TemplateError when this recipient's values make a part fail (a bound exceeded) */
    OutboxMessage render(String accountId, String campaignId, String messageId, String profileId, String to,
                         JsonNode context, MessageTags tags, String linkToken, OffsetDateTime at) {
        return new OutboxMessage(accountId, campaignId, messageId, profileId, channel,
                text(content, "from_email"), text(content, "from_label"), text(content, "reply_to_email"), to,
                render(subject, context, tags), render(previewText, context, tags), render(html, context, tags),
                render(text, context, tags), at, linkToken);
    }

    private static TemplateRenderer.Compiled compile(TemplateRenderer renderer, JsonNode source, boolean escape) {
        return source.isTextual() ? renderer.compile(source.asText(), escape) : null;
    }

    private static String render(TemplateRenderer.Compiled part, JsonNode context, MessageTags tags) {
        return part == null ? null : part.render(context, tags);
    }

    private static String text(JsonNode content, String member) {
        return content.path(member).isTextual() ? content.get(member).asText() : null;
    }

    /** A profile as the template language's context: its fields at the top and under {@code person}, with its properties. */
    static final class RecipientContext {
        private RecipientContext() {}

        /** @param fields made for this recipient: the context takes them as they are */
        static ObjectNode of(ObjectNode fields, ObjectNode properties) {
            ObjectNode context = fields;
            ObjectNode person = fields.deepCopy();
            properties.fields().forEachRemaining(e -> {
                if (!person.has(e.getKey())) person.set(e.getKey(), e.getValue());
            });
            context.set("person", person);
            return context;
        }
    }
}
