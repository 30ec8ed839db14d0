package dev.openprofile.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.List;
import java.util.Map;

/**
 * A flow's trigger (the spec: "Only one trigger is supported"): its kind as the definition names it, the list,
 * segment or metric it names, and the {@code trigger_type} Klaviyo shows for it.
 *
 * @param kind the trigger object's {@code type} ("list", "metric", "date", ...); null for a flow without a trigger
 * @param id   the list, segment or metric id; null for the other kinds
 */
record FlowTrigger(String kind, String id) {
    static final FlowTrigger NONE = new FlowTrigger(null, null);

    /** The kinds whose trigger names an object of the account, which must exist. */
    static final List<String> NAMING = List.of("list", "segment", "metric");

    /**
     * The members each kind's schema requires besides {@code type} (ListTrigger's {@code id} is nullable in the
     * spec, yet a list trigger without a list triggers nothing: OpenProfile requires it, docs/compatibility.md).
     */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "list", List.of("id"),
            "segment", List.of("id"),
            "metric", List.of("id"),
            "date", List.of("date_field_type", "timedelta_value_before_date", "trigger_time"),
            "price-drop", List.of("trigger_filter", "price_drop_amount_value", "audience"),
            "low-inventory", List.of("product_level", "trigger_filter", "inventory_count", "audience"));
    private static final Map<String, List<String>> DATE_FIELD_REQUIRED = Map.of(
            "profile-property", List.of("date_profile_property"),
            "custom-object", List.of("custom_object_label", "custom_object_property_id", "object_type_id",
                    "object_type_relationship_id"));

    /** Klaviyo's trigger_type for this trigger; segment-triggered flows show "Added to List" as list-triggered ones do. */
    String triggerType() {
        if (kind == null) return "Unconfigured";
        return switch (kind) {
            case "list", "segment" -> "Added to List";
            case "metric" -> "Metric";
            case "date" -> "Date Based";
            case "price-drop" -> "Price Drop";
            case "low-inventory" -> "Low Inventory";
            default -> throw new IllegalStateException(kind);
        };
    }

    /** The trigger of a definition's {@code triggers} array at {@code pointer}, checked against its schema. */
    static FlowTrigger parse(JsonNode triggers, String pointer) {
        if (triggers == null || !triggers.isArray()) throw ApiError.invalidPointer(pointer, "'triggers' must be an array.");
        if (triggers.size() > 1) throw ApiError.invalidPointer(pointer + "/1", "Only one trigger is supported.");
        if (triggers.isEmpty()) return NONE;
        String at = pointer + "/0";
        JsonNode t = triggers.get(0);
        if (!t.isObject()) throw ApiError.invalidPointer(at, "A trigger must be an object.");
        String kind = t.path("type").asText(null);
        if (!t.path("type").isTextual() || !REQUIRED.containsKey(kind)) {
            throw ApiError.invalidPointer(at + "/type", "'type' must be one of: date, list, low-inventory, metric, price-drop, segment.");
        }
        requireMembers(t, REQUIRED.get(kind), at);
        if (kind.equals("date")) {
            List<String> more = DATE_FIELD_REQUIRED.get(t.get("date_field_type").asText(""));
            if (more == null) throw ApiError.invalidPointer(at + "/date_field_type", "'date_field_type' must be one of: custom-object, profile-property.");
            requireMembers(t, more, at);
        }
        if (!NAMING.contains(kind)) return new FlowTrigger(kind, null);
        if (!t.get("id").isTextual() || t.get("id").asText().isBlank()) {
            throw ApiError.invalidPointer(at + "/id", "'id' must be a non-empty string.");
        }
        return new FlowTrigger(kind, t.get("id").asText());
    }

    private static void requireMembers(JsonNode t, List<String> members, String at) {
        for (String m : members) {
            if (!t.has(m) || t.get(m).isNull()) throw ApiError.invalidPointer(at + "/" + m, "'" + m + "' is a required field.");
        }
    }
}
