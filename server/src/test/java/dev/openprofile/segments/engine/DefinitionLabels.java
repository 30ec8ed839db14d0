package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a definition exercises, one label per condition and per filter: the randomized test counts them
 * and checks that {@link #EVERY} label came up, so that no condition type or operator goes untested.
 */
final class DefinitionLabels {
    /** Every label the generator must produce. */
    static final List<String> EVERY = every();

    private DefinitionLabels() {}

    static List<String> of(JsonNode definition) {
        List<String> out = new ArrayList<>();
        for (JsonNode group : definition.get("condition_groups")) {
            for (JsonNode c : group.get("conditions")) {
                switch (c.get("type").asText()) {
                    case "profile-property" -> out.add("property " + filter(c.get("filter")));
                    case "profile-metric" -> {
                        out.add("metric " + c.get("measurement").asText() + " " + c.at("/measurement_filter/operator").asText());
                        out.add("timeframe " + c.at("/timeframe_filter/operator").asText());
                        for (JsonNode f : c.path("metric_filters")) {
                            out.add("event " + (f.has("filter") ? filter(f.get("filter")) : "no filter"));
                        }
                    }
                    case "profile-group-membership" -> {
                        out.add(c.get("is_member").asBoolean() ? "member" : "not member");
                        if (c.has("timeframe_filter")) out.add("joined " + c.at("/timeframe_filter/operator").asText());
                    }
                    case "profile-marketing-consent" -> out.add("consent " + c.at("/consent/channel").asText() + " "
                            + c.at("/consent/can_receive_marketing").asBoolean() + " "
                            + c.at("/consent/consent_status/subscription").asText());
                    case "profile-region" -> out.add("region " + c.get("region").asText() + " " + c.get("in_region").asBoolean());
                    default -> out.add(c.get("type").asText());
                }
            }
        }
        return out;
    }

    private static String filter(JsonNode f) {
        return f.get("type").asText() + " " + f.get("operator").asText();
    }

    private static List<String> every() {
        List<String> valueFilters = new ArrayList<>();
        RandomDefinitions.TEXT_OPERATORS.forEach(op -> valueFilters.add("string " + op));
        Stream.of("in", "not-in").forEach(op -> valueFilters.add("string " + op));
        RandomDefinitions.COMPARISONS.forEach(op -> valueFilters.add("numeric " + op));
        valueFilters.add("boolean equals");
        Stream.of("is-set", "not-set").forEach(op -> valueFilters.add("existence " + op));
        RandomDefinitions.LISTS.forEach(op -> valueFilters.add("list " + op));
        List<String> out = new ArrayList<>();
        valueFilters.forEach(f -> out.add("property " + f));
        for (String op : RandomDefinitions.concat(RandomDefinitions.WINDOWS, RandomDefinitions.CALENDAR)) {
            out.add("property date " + op);
        }
        Stream.of("contains", "not-contains").forEach(op -> out.add("property list " + op));
        valueFilters.forEach(f -> out.add("event " + f));
        out.add("event no filter");
        for (String m : List.of("count", "sum")) RandomDefinitions.COMPARISONS.forEach(op -> out.add("metric " + m + " " + op));
        for (String op : RandomDefinitions.concat(RandomDefinitions.WINDOWS, List.of("alltime"))) {
            out.add("timeframe " + op);
            out.add("joined " + op);
        }
        out.addAll(List.of("member", "not member", "profile-sample"));
        RandomDefinitions.CONSENTS.forEach(c -> out.add("consent " + c));
        for (String region : List.of("european_union", "united_states")) {
            out.add("region " + region + " true");
            out.add("region " + region + " false");
        }
        return List.copyOf(out);
    }
}
