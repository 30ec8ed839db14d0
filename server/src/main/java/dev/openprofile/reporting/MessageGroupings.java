package dev.openprofile.reporting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's values for the attributes campaign and flow reports group and filter by. A/B test variations and
 * campaign groups have no source here: variation, variation_name, group and group_name are null.
 */
final class MessageGroupings {
    private MessageGroupings() {}

    /** The message's groupings: one, or one per tag of its campaign or flow when grouped by tag (one with null tags without any). */
    static List<Map<String, String>> of(Subject subject, MessageFacts m, List<String> groupBy) {
        Map<String, String> scalars = scalars(subject, m);
        boolean byTag = groupBy.contains("tag_id") || groupBy.contains("tag_name");
        List<MessageFacts.Tag> tags = byTag && !m.tags().isEmpty() ? m.tags() : Collections.singletonList(null);
        List<Map<String, String>> out = new ArrayList<>();
        for (MessageFacts.Tag tag : tags) {
            Map<String, String> g = new LinkedHashMap<>();
            for (String attribute : groupBy) {
                g.put(attribute, switch (attribute) {
                    case "tag_id" -> tag == null ? null : tag.id();
                    case "tag_name" -> tag == null ? null : tag.name();
                    default -> scalars.get(attribute);
                });
            }
            out.add(g);
        }
        return out;
    }

    /** What a filter reads: a scalar attribute's one value (possibly null), the tags' ids and names. */
    static Map<String, List<String>> filterable(Subject subject, MessageFacts m) {
        Map<String, List<String>> out = new HashMap<>();
        scalars(subject, m).forEach((k, v) -> out.put(k, Collections.singletonList(v)));
        out.put("tag_id", m.tags().stream().map(MessageFacts.Tag::id).toList());
        out.put("tag_name", m.tags().stream().map(MessageFacts.Tag::name).toList());
        return out;
    }

    private static Map<String, String> scalars(Subject subject, MessageFacts m) {
        Map<String, String> s = new HashMap<>();
        String prefix = subject == Subject.CAMPAIGN ? "campaign" : "flow";
        s.put(prefix + "_id", m.parentId());
        s.put(prefix + "_message_id", m.id());
        s.put(prefix + "_message_name", m.name());
        if (subject == Subject.FLOW) s.put("flow_name", m.parentName());
        s.put("send_channel", m.channel());
        s.put("text_message_format", m.format());
        for (String none : List.of("variation", "variation_name", "group", "group_name")) s.put(none, null);
        return s;
    }
}
