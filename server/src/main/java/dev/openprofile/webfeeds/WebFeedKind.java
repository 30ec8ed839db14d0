package dev.openprofile.webfeeds;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The declaration of Klaviyo's web feed for the resource kit: the one place its wire shape lives. Attribute
 * order is the spec's response order. The kit serves all five operations from it; {@link WebFeedLimit} is
 * the only behaviour of its own.
 */
public final class WebFeedKind {
    static final String TYPE = "web-feed";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebFeedKind() {}

    /** Registers web feeds in the server's kit. */
    public static ResourceService register(ResourceKit kit) {
        return kit.register(declare());
    }

    static ResourceKind declare() {
        return new ResourceKind(TYPE, "/api/web-feeds", "web_feed", List.of(
                // The update body marks all four nullable, yet a feed always has them: null keeps the value.
                Attribute.string("name").column("name").require().nonEmpty().maxLength(255).nullAsAbsent(),
                Attribute.string("url").require().nonEmpty().maxLength(2048).nullAsAbsent(),
                Attribute.string("request_method").require().oneOf("get", "post").nullAsAbsent(),
                Attribute.string("content_type").require().oneOf("json", "xml").nullAsAbsent(),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                // The cache status of a feed Klaviyo has fetched; OpenProfile never fetches one, and Klaviyo
                // shows null for a feed not yet fetched (docs/compatibility.md).
                Attribute.string("status").serverSet()),
                List.of(),
                new IdScheme.Generated(WebFeedKind::newId),
                new ResourceKind.Operations("get_web_feeds", "create_web_feed", "get_web_feed", "update_web_feed",
                        "delete_web_feed", "created", Map.of()),
                new WebFeedLimit());
    }

    /** Klaviyo's web feed ids are 12 hex digits ("925e385b52fb" in the spec). */
    static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
