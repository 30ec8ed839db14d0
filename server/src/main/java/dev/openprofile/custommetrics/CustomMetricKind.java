package dev.openprofile.custommetrics;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The declaration of Klaviyo's custom metric for the resource kit. Its {@code metrics} are the metrics its
 * definition's groups name, so they are not stored twice: the relationship is External, served by
 * {@link CustomMetricRoutes} from the definition.
 */
final class CustomMetricKind {
    static final String TYPE = "custom-metric";
    static final String PATH = "/api/custom-metrics";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CustomMetricKind() {}

    static ResourceKind declare(Hooks hooks) {
        return new ResourceKind(TYPE, PATH, "custom_metric", List.of(
                // The update body marks both nullable, yet a custom metric always has them: null keeps the value.
                // Klaviyo documents no length for the name; 255 is ours (docs/compatibility.md).
                Attribute.string("name").column("name").require().nonEmpty().maxLength(255).nullAsAbsent(),
                Attribute.datetime("created").column("created").serverSet(),
                Attribute.datetime("updated").column("updated").serverSet(),
                // Checked and normalized by CustomMetricHooks (CustomMetricDefinition).
                Attribute.object("definition").require().nullAsAbsent().maxLength(64 * 1024)),
                List.of(Relationship.toMany("metrics", "metric", new Relationship.External())),
                new IdScheme.Generated(CustomMetricKind::newId),
                new ResourceKind.Operations("get_custom_metrics", "create_custom_metric", "get_custom_metric",
                        "update_custom_metric", "delete_custom_metric", null, Map.of()),
                hooks);
    }

    /** Klaviyo's custom metric ids are 32 hex digits ("925e385b52fb405715f3616c337cc65c" in the spec). */
    static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
