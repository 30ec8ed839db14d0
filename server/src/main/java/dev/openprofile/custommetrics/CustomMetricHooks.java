package dev.openprofile.custommetrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.resource.AccountLimit;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.store.AdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a custom metric's declaration cannot say: the definition's shape and the metrics it names, a name unique in
 * the account ("Attempting to create a metric with a duplicate name will return a 400 status code", spec), at most
 * {@value #MAX_PER_ACCOUNT} per account, and a deleted custom metric leaving the mapped metrics that pointed at it.
 * Creates and updates of one account take its custom metric lock in turn, so two at once cannot both pass a check.
 */
final class CustomMetricHooks implements Hooks {
    /**
     * "Standard accounts can only have 1 custom metric. Upgrade to Klaviyo's Advanced KDP or Marketing Analytics plan
     * to create up to 50" (Custom Metrics API overview): an OpenProfile account is one with that plan.
     */
    static final int MAX_PER_ACCOUNT = 50;

    /** Of some metric ids, those the account does not have (the metrics feature). */
    interface UnknownMetrics {
        Set<String> of(String accountId, List<String> ids);
    }

    private final UnknownMetrics unknownMetrics;
    private final MappedMetrics mapped;

    CustomMetricHooks(UnknownMetrics unknownMetrics, MappedMetrics mapped) {
        this.unknownMetrics = unknownMetrics;
        this.mapped = mapped;
    }

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) throws SQLException {
        AccountLimit.require(c, "custom_metric", accountId, MAX_PER_ACCOUNT, "An account can have at most " + MAX_PER_ACCOUNT
                + " custom metrics; delete one before creating another.");
        check(c, accountId, null, attributes);
    }

    @Override
    public void beforeUpdate(Connection c, String accountId, ResourceRow current, Map<String, JsonNode> changes) throws SQLException {
        String id = current.id();
        AdvisoryLock.take(c, "custom_metric:" + accountId);
        check(c, accountId, id, changes);
    }

    @Override
    public void beforeDelete(Connection c, String accountId, String id) throws SQLException {
        mapped.unmapCustomMetric(c, accountId, id);
    }

    /** The name and definition a body names; the definition is replaced by its stored form. */
    private void check(Connection c, String accountId, String id, Map<String, JsonNode> attributes) throws SQLException {
        JsonNode name = attributes.get("name");
        if (name != null && taken(c, accountId, id, name.asText())) {
            throw ApiError.invalidPointer("/data/attributes/name", "A custom metric named '" + name.asText() + "' already exists.");
        }
        JsonNode definition = attributes.get("definition");
        if (definition == null) return;
        CustomMetricDefinition parsed = CustomMetricDefinition.parse(definition);
        Set<String> unknown = unknownMetrics.of(accountId, parsed.metricIds());
        for (int i = 0; i < parsed.metricIds().size(); i++) {
            if (unknown.contains(parsed.metricIds().get(i))) {
                throw new ApiError(404, "not_found", "Not found.", "A metric with id '" + parsed.metricIds().get(i) + "' does not exist.",
                        ApiError.Source.pointer(CustomMetricDefinition.POINTER + "/metric_groups/" + i + "/metric_id"), null);
            }
        }
        attributes.put("definition", parsed.normalized());
    }

    private static boolean taken(Connection c, String accountId, String id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from custom_metric where account_id = ? and name = ? and id <> ?")) {
            ps.setString(1, accountId);
            ps.setString(2, name);
            ps.setString(3, id == null ? "" : id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
