package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A segment's definition as a sentence ("Placed Order at least 2 times in the last 30 days AND email is subscribed
 * to marketing"), read from the definition the API returns. A profile is a member when every condition group holds
 * and a group holds when any of its conditions does (segments.engine.Definition): groups are joined by AND,
 * conditions within a group by OR. A condition this page cannot read (a type or operator it does not know) is shown
 * as its JSON, never as an error: the definition is the API's, the sentence only a reading of it.
 */
final class SegmentsDefinitionText {
    /** Names a metric or a list by its id (the id itself when it has none). */
    record Names(UnaryOperator<String> metric, UnaryOperator<String> list) {}

    /** A member the sentence needs is missing or has a value it does not know. */
    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }

    private SegmentsDefinitionText() {}

    /** One sentence per condition group, to be joined by AND (the page shows each on a line of its own). */
    static List<String> groups(JsonNode definition, Names names) {
        List<String> groups = new ArrayList<>();
        JsonNode all = definition.path("condition_groups");
        for (JsonNode group : all) {
            List<String> conditions = new ArrayList<>();
            for (JsonNode c : group.path("conditions")) conditions.add(condition(c, names));
            String text = String.join(" OR ", conditions);
            groups.add(conditions.size() > 1 && all.size() > 1 ? "(" + text + ")" : text);
        }
        return groups;
    }

    /** The whole definition as one sentence. */
    static String sentence(JsonNode definition, Names names) {
        return String.join(" AND ", groups(definition, names));
    }

    static String condition(JsonNode c, Names names) {
        try {
            return switch (c.path("type").asText()) {
                case "profile-metric" -> metric(c, names);
                case "profile-property" -> property(c.path("property")) + " " + filter(c.path("filter"));
                case "profile-group-membership" -> membership(c, names);
                case "profile-marketing-consent" -> consent(c.path("consent"));
                case "profile-region" -> (bool(c.path("in_region")) ? "is in " : "is not in ") + switch (text(c.path("region"))) {
                    case "european_union" -> "the European Union";
                    case "united_states" -> "the United States";
                    default -> throw new Unreadable();
                };
                case "profile-sample" -> "is in a random " + integer(c.path("percentage")) + "% sample";
                default -> throw new Unreadable();
            };
        } catch (Unreadable e) {
            return c.toString();
        }
    }

    private static String metric(JsonNode c, Names names) {
        String metric = names.metric().apply(text(c.path("metric_id")));
        JsonNode mf = c.path("measurement_filter");
        String how = switch (text(c.path("measurement"))) {
            case "count" -> {
                String n = number(mf.path("value"));
                yield metric + " " + count(text(mf.path("operator"))) + " " + n + (n.equals("1") ? " time" : " times");
            }
            case "sum" -> metric + " with a total value that " + comparison(text(mf.path("operator"))) + " " + number(mf.path("value"));
            default -> throw new Unreadable();
        };
        List<String> where = new ArrayList<>();
        for (JsonNode f : c.path("metric_filters")) {
            JsonNode filter = f.path("filter");
            where.add(text(f.path("property")) + " " + (filter.isObject() ? filter(filter) : "is set"));
        }
        return how + " " + timeframe(c.path("timeframe_filter")) + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
    }

    private static String membership(JsonNode c, Names names) {
        List<String> lists = new ArrayList<>();
        for (JsonNode id : c.path("group_ids")) lists.add(quote(names.list().apply(text(id))));
        if (lists.isEmpty()) throw new Unreadable();
        String which = lists.size() == 1 ? "list " + lists.getFirst() : "any of the lists " + String.join(", ", lists);
        JsonNode timeframe = c.path("timeframe_filter");
        return (bool(c.path("is_member")) ? "is in " : "is not in ") + which
                + (timeframe.isObject() ? ", joined " + timeframe(timeframe) : "");
    }

    private static String consent(JsonNode consent) {
        String channel = switch (text(consent.path("channel"))) {
            case "email" -> "email";
            case "sms" -> "SMS";
            case "push" -> "push";
            default -> throw new Unreadable();
        };
        boolean can = bool(consent.path("can_receive_marketing"));
        return switch (text(consent.path("consent_status").path("subscription"))) {
            case "any" -> (can ? "can" : "cannot") + " receive " + channel + " marketing";
            case "subscribed" -> can ? channel + " is subscribed to marketing"
                    : "cannot receive " + channel + " marketing although subscribed";
            case "unsubscribed" -> channel + " is unsubscribed from marketing";
            case "never_subscribed" -> can ? "can receive " + channel + " marketing without having subscribed"
                    : channel + " has never been subscribed to marketing";
            default -> throw new Unreadable();
        };
    }

    /** A standard attribute by its name (email, location.city), a custom property by its own: {@code properties['plan']} is "plan". */
    private static String property(JsonNode property) {
        String name = text(property);
        if (name.startsWith("properties[") && name.endsWith("]") && name.length() > "properties[''']".length()) {
            return name.substring("properties['".length(), name.length() - 2);
        }
        return name;
    }

    /** A filter object of the spec, as a predicate: "ends with "@example.com"", "is at least 3", "is set". */
    static String filter(JsonNode f) {
        String op = text(f.path("operator"));
        JsonNode v = f.path("value");
        return switch (text(f.path("type"))) {
            case "string" -> switch (op) {
                case "equals" -> "is " + quote(text(v));
                case "not-equals" -> "is not " + quote(text(v));
                case "contains" -> "contains " + quote(text(v));
                case "not-contains" -> "does not contain " + quote(text(v));
                case "starts-with" -> "starts with " + quote(text(v));
                case "not-starts-with" -> "does not start with " + quote(text(v));
                case "ends-with" -> "ends with " + quote(text(v));
                case "not-ends-with" -> "does not end with " + quote(text(v));
                case "regex" -> "matches /" + text(v) + "/";
                case "nregex" -> "does not match /" + text(v) + "/";
                case "in" -> "is one of " + texts(v);
                case "not-in" -> "is none of " + texts(v);
                default -> throw new Unreadable();
            };
            case "numeric" -> comparison(op) + " " + number(v);
            case "boolean" -> {
                if (!op.equals("equals") || !v.isBoolean()) throw new Unreadable();
                yield "is " + v.asBoolean();
            }
            case "existence" -> switch (op) {
                case "is-set" -> "is set";
                case "not-set" -> "is not set";
                default -> throw new Unreadable();
            };
            case "date" -> date(f);
            case "list" -> list(op, v);
            default -> throw new Unreadable();
        };
    }

    private static String list(String op, JsonNode v) {
        return switch (op) {
            case "contains" -> "contains " + scalar(v);
            case "not-contains" -> "does not contain " + scalar(v);
            case "contains-all" -> "contains all of " + texts(v);
            case "contains-any" -> "contains any of " + texts(v);
            case "not-contains-all" -> "does not contain all of " + texts(v);
            case "not-contains-any" -> "contains none of " + texts(v);
            case "contains-substring" -> "has an item containing " + quote(text(v));
            case "not-contains-substring" -> "has no item containing " + quote(text(v));
            default -> {
                if (!op.startsWith("length-")) throw new Unreadable();
                long n = integer(v);
                yield "has " + count(op.substring("length-".length())) + " " + n + (n == 1 ? " item" : " items");
            }
        };
    }

    /** A date filter as a predicate of a date property ("is in the last 30 days", "is in March"). */
    private static String date(JsonNode f) {
        return switch (text(f.path("operator"))) {
            case "calendar-month" -> {
                long month = integer(f.path("value"));
                if (month < 1 || month > 12) throw new Unreadable();
                yield "is in " + Month.of((int) month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            }
            case "anniversary" -> "has its anniversary today";
            case "anniversary-month" -> "has its anniversary this month";
            default -> "is " + timeframe(f);
        };
    }

    /** A date filter as a window: "in the last 30 days", "at least 2 weeks ago", "between 7 and 30 days ago", "over all time". */
    private static String timeframe(JsonNode f) {
        return switch (text(f.path("operator"))) {
            case "in-the-last" -> "in the last " + units(f, f.path("quantity"));
            case "in-the-next" -> "in the next " + units(f, f.path("quantity"));
            case "at-least" -> "at least " + units(f, f.path("quantity")) + " ago";
            case "between" -> "between " + integer(f.path("start")) + " and " + units(f, f.path("end")) + " ago";
            case "before" -> "before " + text(f.path("date"));
            case "after" -> "after " + text(f.path("date"));
            case "between-static" -> "between " + text(f.path("start")) + " and " + text(f.path("end"));
            case "alltime" -> "over all time";
            default -> throw new Unreadable();
        };
    }

    private static String units(JsonNode f, JsonNode quantity) {
        long n = integer(quantity);
        String unit = switch (text(f.path("unit"))) {
            case "hour", "day", "week" -> text(f.path("unit"));
            default -> throw new Unreadable();
        };
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** How many times (or items): "exactly", "at least", "fewer than", ... */
    private static String count(String op) {
        return switch (op) {
            case "equals" -> "exactly";
            case "not-equals" -> "not exactly";
            case "greater-than" -> "more than";
            case "greater-than-or-equal" -> "at least";
            case "less-than" -> "fewer than";
            case "less-than-or-equal" -> "at most";
            default -> throw new Unreadable();
        };
    }

    /** A value's comparison as a predicate: "equals", "is at least", "is less than", ... */
    private static String comparison(String op) {
        return switch (op) {
            case "equals" -> "equals";
            case "not-equals" -> "does not equal";
            case "greater-than" -> "is greater than";
            case "greater-than-or-equal" -> "is at least";
            case "less-than" -> "is less than";
            case "less-than-or-equal" -> "is at most";
            default -> throw new Unreadable();
        };
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) throw new Unreadable();
        return v.asText();
    }

    private static boolean bool(JsonNode v) {
        if (!v.isBoolean()) throw new Unreadable();
        return v.asBoolean();
    }

    private static long integer(JsonNode v) {
        if (!v.isIntegralNumber()) throw new Unreadable();
        return v.asLong();
    }

    private static String number(JsonNode v) {
        if (!v.isNumber()) throw new Unreadable();
        return v.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static String scalar(JsonNode v) {
        if (v.isTextual()) return quote(v.asText());
        return String.valueOf(integer(v));
    }

    private static String texts(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) throw new Unreadable();
        List<String> quoted = new ArrayList<>();
        for (JsonNode v : values) quoted.add(quote(text(v)));
        return String.join(", ", quoted);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
