package dev.openprofile.events.aggregates;

import dev.openprofile.jsonapi.filter.FieldRule;
import dev.openprofile.jsonapi.filter.Operator;
import dev.openprofile.jsonapi.filter.ValueType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dimensions a query can group by ({@code by}), sort by and filter on: the spec's enum of
 * MetricAggregateQuery.by. {@code $value_currency} is the event's own column; every other one is the
 * event property of that name, compared as text (a number property 5 is "5").
 */
final class Dimension {
    /** The spec's enum, in its order. */
    static final List<String> NAMES = List.of(
            "$attributed_channel", "$attributed_flow", "$attributed_message", "$attributed_variation",
            "$campaign_channel", "$flow", "$flow_channel", "$message", "$message_send_cohort", "$usage_amount",
            "$value_currency", "$variation", "$variation_send_cohort", "Bot Click", "Bounce Type", "Campaign Name",
            "Client Canonical", "Client Name", "Client Type", "Email Domain", "Failure Source", "Failure Type",
            "From Number", "From Phone Region", "Inbox Provider", "List", "Message Format", "Message Name",
            "Message Type", "Method", "Segment Count", "Subject", "To Number", "To Phone Region", "URL", "form_id");

    /** Name to SQL over {@code event e}. Built from the constants above only, never from a request. */
    static final Map<String, String> SQL;

    /**
     * What a filter item may say about a dimension. The spec gives the body's filter no table; these are
     * the string operators of the GET filters (semantics §5). Names with spaces cannot be written in the
     * filter grammar, so they are never reached here.
     */
    static final Map<String, FieldRule> FILTER_RULES;

    static {
        Map<String, String> sql = new LinkedHashMap<>();
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        FieldRule rule = new FieldRule(
                EnumSet.of(Operator.EQUALS, Operator.CONTAINS, Operator.STARTS_WITH, Operator.ENDS_WITH),
                EnumSet.of(Operator.EQUALS, Operator.ANY, Operator.CONTAINS_ANY, Operator.CONTAINS_ALL),
                Set.of(), ValueType.STRING, Set.of());
        for (String name : NAMES) {
            if (name.contains("'")) throw new IllegalStateException("a dimension name cannot hold a quote: " + name);
            sql.put(name, name.equals("$value_currency") ? "e.value_currency" : "(e.properties ->> '" + name + "')");
            rules.put(name, rule);
        }
        SQL = Collections.unmodifiableMap(sql);
        FILTER_RULES = Collections.unmodifiableMap(rules);
    }

    private Dimension() {}

    static boolean exists(String name) {
        return SQL.containsKey(name);
    }
}
