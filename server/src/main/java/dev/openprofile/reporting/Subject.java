package dev.openprofile.reporting;

import dev.openprofile.jsonapi.filter.FieldRule;
import dev.openprofile.jsonapi.filter.Operator;
import dev.openprofile.jsonapi.filter.ValueType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a report is about, with the spec's request rules for it: its statistics, the attributes it groups by (the
 * required ones, and the default when {@code group_by} is absent), and the filters its description allows.
 */
enum Subject {
    CAMPAIGN(MessageStatistic.WIRE, List.of("campaign_id", "campaign_message_id", "campaign_message_name", "group",
            "group_name", "send_channel", "tag_id", "tag_name", "text_message_format", "variation", "variation_name"),
            List.of("campaign_id", "campaign_message_id"), List.of("campaign_id", "campaign_message_id", "send_channel"),
            messageFilters("campaign_id", "campaign_message_id", "campaign_message_name", "send_channel",
                    "text_message_format", "variation", "variation_name"), true),
    FLOW(MessageStatistic.WIRE, List.of("flow_id", "flow_message_id", "flow_message_name", "flow_name", "send_channel",
            "tag_id", "tag_name", "text_message_format", "variation", "variation_name"),
            List.of("flow_message_id", "flow_id"), List.of("flow_id", "flow_message_id", "send_channel"),
            messageFilters("flow_id", "flow_name", "send_channel", "flow_message_id", "flow_message_name",
                    "text_message_format", "variation", "variation_name"), true),
    FORM(FormStatistic.WIRE, List.of("form_id", "form_version_id"), List.of(), List.of("form_id"),
            equalsOrAny("form_id", "form_version_id"), false),
    SEGMENT(SegmentStatistic.WIRE, List.of(), List.of(), List.of("segment_id"), equalsOrAny("segment_id"), false);

    /** "Max of 100 items per list filter." */
    static final int MAX_LIST_ITEMS = 100;

    final List<String> statistics;
    final List<String> groupBys;
    final List<String> requiredGroupBys;
    final List<String> defaultGroupBy;
    final Map<String, FieldRule> filters;
    final boolean conversions;

    Subject(List<String> statistics, List<String> groupBys, List<String> requiredGroupBys, List<String> defaultGroupBy,
            Map<String, FieldRule> filters, boolean conversions) {
        this.statistics = statistics;
        this.groupBys = groupBys;
        this.requiredGroupBys = requiredGroupBys;
        this.defaultGroupBy = defaultGroupBy;
        this.filters = filters;
        this.conversions = conversions;
    }

    /** Scalar attributes take equals and contains-any (meaning: is one of); tag_id and tag_name contains-any and contains-all. */
    private static Map<String, FieldRule> messageFilters(String... scalars) {
        // Klaviyo's send_channel values: "When filtering on send_channel, allowed values are email, sms, push-notification, whatsapp."
        List<String> channels = List.of("email", "sms", "push-notification", "whatsapp");
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        for (String f : scalars) {
            rules.put(f, new FieldRule(Set.of(Operator.EQUALS), Set.of(Operator.CONTAINS_ANY), Set.of(), ValueType.STRING,
                    new LinkedHashSet<>(f.equals("send_channel") ? channels : List.<String>of())));
        }
        for (String f : List.of("tag_id", "tag_name")) {
            rules.put(f, new FieldRule(Set.of(), Set.of(Operator.CONTAINS_ANY, Operator.CONTAINS_ALL), Set.of(),
                    ValueType.STRING, Set.of()));
        }
        return rules;
    }

    private static Map<String, FieldRule> equalsOrAny(String... fields) {
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        for (String f : fields) {
            rules.put(f, new FieldRule(Set.of(Operator.EQUALS), Set.of(Operator.ANY), Set.of(), ValueType.STRING, Set.of()));
        }
        return rules;
    }
}
