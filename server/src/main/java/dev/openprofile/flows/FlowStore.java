package dev.openprofile.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flows feature's own SQL over its tables (the kit writes and reads their rows): a flow's actions in the
 * definition's order, the flows a list, segment or metric triggers, and the lock that orders writes to one flow.
 */
final class FlowStore {
    private FlowStore() {}

    /** One action of a flow as its definition holds it. */
    record StoredAction(String id, ObjectNode definition, String status) {}

    /** Locks the flow's row: every write to a flow or its actions takes it first, so they queue instead of deadlocking. */
    static boolean lockFlow(Connection c, String accountId, String flowId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from flow where account_id = ? and id = ? for update")) {
            ps.setString(1, accountId);
            ps.setString(2, flowId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The flow of an action; null when there is no such action. */
    static String flowOf(Connection c, String accountId, String actionId) throws SQLException {
        return firstString(c, "select flow_id from flow_action where account_id = ? and id = ?", accountId, actionId);
    }

    /** The flow's actions in the definition's order. */
    static List<StoredAction> actions(Connection c, String accountId, String flowId) throws SQLException {
        List<StoredAction> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, doc -> 'definition', status from flow_action"
                + " where account_id = ? and flow_id = ? order by position, id")) {
            ps.setString(1, accountId);
            ps.setString(2, flowId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new StoredAction(rs.getString(1), readObject(rs.getString(2)), rs.getString(3)));
            }
        }
        return out;
    }

    /** The message of a send action; null when it has none. */
    static String messageOf(Connection c, String accountId, String actionId) throws SQLException {
        return firstString(c, "select id from flow_message where account_id = ? and action_id = ? order by id limit 1", accountId, actionId);
    }

    private static String firstString(Connection c, String sql, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The definition get_flow shows: the frame with the actions put back in, in the spec's member order. */
    static ObjectNode definition(Connection c, String accountId, String flowId, JsonNode frame) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("triggers", frame.path("triggers").isArray() ? frame.get("triggers") : Json.MAPPER.createArrayNode());
        out.set("profile_filter", frame.path("profile_filter").isMissingNode() ? out.nullNode() : frame.get("profile_filter"));
        ArrayNode actions = out.putArray("actions");
        for (StoredAction a : actions(c, accountId, flowId)) actions.add(a.definition());
        out.set("entry_action_id", frame.path("entry_action_id").isMissingNode() ? out.nullNode() : frame.get("entry_action_id"));
        out.set("reentry_criteria", frame.path("reentry_criteria").isMissingNode() ? out.nullNode() : frame.get("reentry_criteria"));
        return out;
    }

    /** The flows triggered by each of some lists, segments or metrics ({@code kind}), in id order. */
    static Map<String, List<String>> triggered(Connection c, String accountId, String kind, List<String> ids) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select trigger_id, id from flow where account_id = ? and trigger_kind = ?"
                + " and trigger_id = any(?) and trigger_id is not null order by id")) {
            ps.setString(1, accountId);
            ps.setString(2, kind);
            ps.setArray(3, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    private static ObjectNode readObject(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored flow action is not JSON", e);
        }
    }
}
