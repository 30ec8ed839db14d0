package dev.openprofile.flows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import java.util.List;

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

    /**
     * The trigger of a definition's {@code triggers} array at {@code pointer}, which the spec's schema has accepted;
     * what it cannot say is checked here: one trigger at most, and the list, segment or metric a trigger names (ListTrigger's
     * {@code id} is nullable in the spec, yet a list trigger without a list triggers nothing: OpenProfile requires it,
     * docs/compatibility.md).
     */
    static FlowTrigger parse(JsonNode triggers, String pointer) {
        if (triggers.size() > 1) throw ApiError.invalidPointer(pointer + "/1", "Only one trigger is supported.");
        if (triggers.isEmpty()) return NONE;
        JsonNode t = triggers.get(0);
        String kind = t.get("type").asText();
        if (!NAMING.contains(kind)) return new FlowTrigger(kind, null);
        JsonNode id = t.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ApiError.invalidPointer(pointer + "/0/id", "'id' must be a non-empty string.");
        }
        return new FlowTrigger(kind, id.asText());
    }
}
