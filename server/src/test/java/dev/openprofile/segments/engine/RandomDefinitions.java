package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random segment definitions as request JSON: every condition type and every filter operator
 * {@link DefinitionParser} accepts, on the attributes, properties, lists and metrics of
 * {@link RandomDataSets}, with values that the data holds in other cases and types.
 */
final class RandomDefinitions {
    static final List<String> TEXT_ATTRIBUTES = List.of("email", "phone_number", "external_id", "first_name", "last_name",
            "organization", "locale", "title", "image", "location.city", "location.country", "location.region",
            "location.zip", "location.address1", "location.timezone");
    static final List<String> TEXTS = List.of("red", "RED", "Red", "re", "E", "blue", "navy", "STRASSE", "straße", "école",
            "ÉCOLE", "οδος", "ΟΔΟΣ", "", "42", "a.c", "user1", "@EXAMPLE.com", "+1555", "de", "united states", "Gift");
    static final List<String> REGEXES = List.of("^r", "ed$", "[A-Z]", "^[a-z]+$", "e.o", "^$", "\\d", "B|b", "^Re", "ß",
            "(?i)^red", "^.{3}$");
    static final List<String> TEXT_OPERATORS = List.of("equals", "not-equals", "contains", "not-contains", "starts-with",
            "not-starts-with", "ends-with", "not-ends-with", "regex", "nregex");
    static final List<String> COMPARISONS = List.of("equals", "not-equals", "greater-than", "greater-than-or-equal",
            "less-than", "less-than-or-equal");
    /** The subscriptions DefinitionParser allows for each channel and can_receive_marketing. */
    static final List<String> CONSENTS = List.of("email true any", "email true subscribed", "email true never_subscribed",
            "email false any", "email false unsubscribed", "email false never_subscribed", "email false subscribed",
            "sms true subscribed", "sms false any", "sms false unsubscribed", "sms false never_subscribed", "push true any",
            "push false any");
    /** The date operators of a window. */
    static final List<String> WINDOWS = List.of("before", "after", "between-static", "in-the-last", "at-least",
            "in-the-next", "between");
    static final List<String> CALENDAR = List.of("calendar-month", "anniversary", "anniversary-month");
    /** The list operators event properties take too. */
    static final List<String> LISTS = List.of("length-equals", "length-greater-than", "length-greater-than-or-equal",
            "length-less-than", "length-less-than-or-equal", "contains-all", "contains-any", "not-contains-all",
            "not-contains-any", "contains-substring", "not-contains-substring");
    static final List<String> NUMBERS = List.of("0", "1", "2", "2.5", "3", "-1", "10", "40", "100", "-45.5");

    private RandomDefinitions() {}

    static Arbitrary<ObjectNode> definitions() {
        Arbitrary<ObjectNode> condition = Arbitraries.frequencyOf(Tuple.of(8, property()), Tuple.of(3, groupMembership()),
                Tuple.of(5, metric()), Tuple.of(2, consent()), Tuple.of(1, region()), Tuple.of(1, sample()));
        Arbitrary<ObjectNode> group = condition.list().ofMinSize(1).ofMaxSize(3).withSizeDistribution(RandomDistribution.uniform())
                .map(cs -> object().set("conditions", array(cs)));
        // mostly one group: every further one is an "and", and most definitions would select nobody
        return Arbitraries.frequencyOf(Tuple.of(6, group.list().ofSize(1)), Tuple.of(3, group.list().ofSize(2)),
                Tuple.of(1, group.list().ofSize(3))).map(gs -> object().set("condition_groups", array(gs)));
    }

    /**
     * A property condition: a custom property mostly with the filters of its usual type in the data (but
     * the data mixes types), sometimes with any filter; a standard attribute with the filters of its kind.
     */
    static Arbitrary<ObjectNode> property() {
        Arbitrary<ObjectNode> any = Arbitraries.oneOf(text(), textIn(), numeric(NUMBERS), bool(), date(), list(true),
                existence());
        return Arbitraries.frequencyOf(
                Tuple.of(2, on(Arbitraries.frequencyOf(Tuple.of(3, text()), Tuple.of(2, textIn()), Tuple.of(1, any)),
                        "properties['color']", "properties[\"Nick Name\"]")),
                Tuple.of(1, on(Arbitraries.frequencyOf(Tuple.of(3, numeric(NUMBERS)), Tuple.of(1, any)), "properties['score']")),
                Tuple.of(1, on(Arbitraries.frequencyOf(Tuple.of(3, date()), Tuple.of(1, any)), "properties['birthday']")),
                Tuple.of(2, on(Arbitraries.frequencyOf(Tuple.of(3, list(true)), Tuple.of(1, any)), "properties['tags']")),
                Tuple.of(1, on(Arbitraries.frequencyOf(Tuple.of(2, bool()), Tuple.of(1, any)), "properties['vip']")),
                Tuple.of(2, on(any, "properties['misc']", "properties['none']")),
                Tuple.of(2, on(Arbitraries.oneOf(text(), textIn(), existence()), TEXT_ATTRIBUTES.toArray(String[]::new))),
                Tuple.of(1, on(Arbitraries.oneOf(numeric(NUMBERS), existence()), "location.latitude", "location.longitude")),
                Tuple.of(1, on(Arbitraries.oneOf(date(), existence()), "created", "updated", "last_event_date")));
    }

    private static Arbitrary<ObjectNode> on(Arbitrary<ObjectNode> filters, String... properties) {
        return Combinators.combine(Arbitraries.of(properties), filters).as(RandomDefinitions::property);
    }

    private static ObjectNode property(String property, ObjectNode filter) {
        return object().put("type", "profile-property").put("property", property).set("filter", filter);
    }

    static Arbitrary<ObjectNode> groupMembership() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(DataSet.LISTS).list().ofMinSize(1).ofMaxSize(2),
                timeframe().injectNull(0.3)).as((member, lists, window) -> {
                    ObjectNode c = object().put("type", "profile-group-membership").put("is_member", member);
                    c.set("group_ids", array(lists.stream().map(RandomDataSets.JSON::textNode).toList()));
                    if (member && window != null) c.set("timeframe_filter", window);
                    return c;
                });
    }

    static Arbitrary<ObjectNode> metric() {
        Arbitrary<ObjectNode> eventFilter = Combinators.combine(
                Arbitraries.of("Category", "Items", "Total", "Gift", "Coupon", "Missing"),
                Arbitraries.frequencyOf(Tuple.of(3, text()), Tuple.of(1, textIn()), Tuple.of(1, numeric(NUMBERS)),
                        Tuple.of(1, bool()), Tuple.of(1, existence()), Tuple.of(2, list(false))).injectNull(0.1))
                .as((property, filter) -> {
                    ObjectNode f = object().put("property", property);
                    return filter == null ? f : f.set("filter", filter);
                });
        return Combinators.combine(Arbitraries.of(DataSet.METRICS), Arbitraries.of("count", "sum"),
                numeric(List.of("0", "1", "2", "3", "5", "0.5", "10", "50", "-1")),
                timeframe(),
                eventFilter.list().ofMaxSize(3)).as((metric, measurement, measure, window, filters) -> {
                    ObjectNode c = object().put("type", "profile-metric").put("metric_id", metric)
                            .put("measurement", measurement);
                    c.set("measurement_filter", measure);
                    c.set("timeframe_filter", window);
                    if (!filters.isEmpty()) c.set("metric_filters", array(filters));
                    return c;
                });
    }

    static Arbitrary<ObjectNode> consent() {
        return Combinators.combine(Arbitraries.of(CONSENTS).map(s -> s.split(" ")), Arbitraries.of(true, false))
                .as((s, noFilters) -> {
                    ObjectNode consent = object().put("channel", s[0]).put("can_receive_marketing", Boolean.parseBoolean(s[1]));
                    ObjectNode status = consent.putObject("consent_status").put("subscription", s[2]);
                    if (noFilters) status.putArray("filters"); // an empty list of method and date filters is allowed
                    return object().put("type", "profile-marketing-consent").set("consent", consent);
                });
    }

    static Arbitrary<ObjectNode> region() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("european_union", "united_states"))
                .as((in, region) -> object().put("type", "profile-region").put("in_region", in).put("region", region));
    }

    static Arbitrary<ObjectNode> sample() {
        return Arbitraries.integers().between(1, 100).map(p -> object().put("type", "profile-sample").put("percentage", p));
    }

    static Arbitrary<ObjectNode> text() {
        return Arbitraries.of(TEXT_OPERATORS).flatMap(op -> Arbitraries.of(op.endsWith("regex") ? REGEXES : TEXTS)
                .map(value -> object().put("type", "string").put("operator", op).put("value", value)));
    }

    static Arbitrary<ObjectNode> textIn() {
        return Combinators.combine(Arbitraries.of("in", "not-in"), Arbitraries.of(TEXTS).list().ofMaxSize(3))
                .as((op, values) -> object().put("type", "string").put("operator", op)
                        .set("value", array(values.stream().map(RandomDataSets.JSON::textNode).toList())));
    }

    static Arbitrary<ObjectNode> numeric(List<String> values) {
        return Combinators.combine(Arbitraries.of(COMPARISONS), Arbitraries.of(values))
                .as((op, v) -> object().put("type", "numeric").put("operator", op).put("value", new BigDecimal(v)));
    }

    static Arbitrary<ObjectNode> bool() {
        return Arbitraries.of(true, false).map(v -> object().put("type", "boolean").put("operator", "equals").put("value", v));
    }

    static Arbitrary<ObjectNode> existence() {
        return Arbitraries.of("is-set", "not-set").map(op -> object().put("type", "existence").put("operator", op));
    }

    /** A date filter of a profile or event property: a window or a calendar position. */
    static Arbitrary<ObjectNode> date() {
        return Arbitraries.of(concat(WINDOWS, CALENDAR)).flatMap(RandomDefinitions::dateFilter);
    }

    /** The timeframe of a metric or of a list membership: a window, or all time. */
    static Arbitrary<ObjectNode> timeframe() {
        return Arbitraries.of(concat(WINDOWS, List.of("alltime"))).flatMap(RandomDefinitions::dateFilter);
    }

    private static Arbitrary<ObjectNode> dateFilter(String op) {
        Arbitrary<String> stamp = Combinators.combine(Arbitraries.of(Moments.STATIC), Arbitraries.of("Z", "+05:30", "-08:00"))
                .as((t, offset) -> t.withOffsetSameInstant(ZoneOffset.of(offset)).toString());
        Arbitrary<Integer> quantity = Arbitraries.of(Moments.QUANTITIES);
        Arbitrary<String> unit = Arbitraries.of("hour", "day", "week");
        return switch (op) {
            case "before", "after" -> stamp.map(t -> dateNode(op).put("date", t));
            case "between-static" -> Combinators.combine(stamp, stamp).as((a, b) -> OffsetDateTime.parse(a).isAfter(OffsetDateTime.parse(b))
                    ? dateNode(op).put("start", b).put("end", a) : dateNode(op).put("start", a).put("end", b));
            case "in-the-last", "at-least", "in-the-next" ->
                    Combinators.combine(unit, quantity).as((u, q) -> dateNode(op).put("unit", u).put("quantity", q));
            case "between" -> Combinators.combine(quantity, quantity, unit).as((a, b, u) ->
                    dateNode(op).put("unit", u).put("start", Math.min(a, b)).put("end", Math.max(a, b)));
            case "calendar-month" -> Arbitraries.integers().between(1, 12).map(m -> dateNode(op).put("value", m));
            default -> Arbitraries.create(() -> dateNode(op)); // anniversary, anniversary-month, alltime
        };
    }

    private static ObjectNode dateNode(String operator) {
        return object().put("type", "date").put("operator", operator);
    }

    /** The list filters; {@code contains}: with contains / not-contains, which event properties do not take. */
    static Arbitrary<ObjectNode> list(boolean contains) {
        return Arbitraries.of(contains ? concat(LISTS, List.of("contains", "not-contains")) : LISTS).flatMap(op -> {
            if (op.startsWith("length-")) return Arbitraries.integers().between(0, 3).map(n -> listFilter(op).put("value", n));
            if (op.endsWith("-all") || op.endsWith("-any")) {
                return Arbitraries.of(TEXTS).list().ofMaxSize(3).map(values -> listFilter(op)
                        .set("value", array(values.stream().map(RandomDataSets.JSON::textNode).toList())));
            }
            if (op.endsWith("substring")) return Arbitraries.of(TEXTS).map(v -> listFilter(op).put("value", v));
            return Arbitraries.oneOf(Arbitraries.of(TEXTS).map(RandomDataSets.JSON::textNode),
                    Arbitraries.integers().between(0, 4).map(RandomDataSets.JSON::numberNode)).map(v -> listFilter(op).set("value", v));
        });
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static ObjectNode listFilter(String operator) {
        return object().put("type", "list").put("operator", operator);
    }

    private static ObjectNode object() {
        return RandomDataSets.JSON.objectNode();
    }

    private static ArrayNode array(List<? extends JsonNode> items) {
        ArrayNode a = RandomDataSets.JSON.arrayNode();
        items.forEach(i -> a.add(i.deepCopy()));
        return a;
    }
}
