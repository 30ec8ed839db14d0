package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Datetime;
import dev.openprofile.profiles.ProfileQueries;
import dev.openprofile.segments.engine.Condition.ConsentChannel;
import dev.openprofile.segments.engine.Condition.Subscription;
import dev.openprofile.segments.engine.ValueFilter.Comparison;
import dev.openprofile.segments.engine.ValueFilter.DateFilter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a segment definition from a request: the shapes of the spec's condition and filter schemas,
 * checked field by field so that a 400 points at the offending member. Condition types and filters the
 * engine does not evaluate are refused by name (docs/compatibility.md lists them), never ignored.
 */
public final class DefinitionParser {
    /** Condition types of the spec that OpenProfile does not evaluate (yet), with the reason given. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "profile-postal-code-distance", "postal-code distances need a geocoding data set OpenProfile does not have",
            "profile-predictive-analytics", "predictive analytics are not computed by OpenProfile yet",
            "profile-has-custom-object", "custom objects are not supported yet",
            "profile-permissions", "profile permissions are not supported yet",
            "profile-metric-funnel", "metric funnels are not supported yet");
    private static final Pattern CUSTOM = Pattern.compile("properties\\['(.+)'\\]|properties\\[\"(.+)\"\\]");
    private static final Set<String> TEXT_OPERATORS = Set.of("equals", "not-equals", "contains", "not-contains",
            "starts-with", "not-starts-with", "ends-with", "not-ends-with", "regex", "nregex");

    private final References references;

    public DefinitionParser(References references) {
        this.references = references;
    }

    /** @param pointer where the definition sits in the request, e.g. {@code /data/attributes/definition} */
    public Definition parse(String accountId, JsonNode definition, String pointer) {
        At root = new At(definition, pointer).object();
        At groups = root.required("condition_groups").array();
        if (groups.node.isEmpty()) throw groups.invalid("A definition needs at least one condition group.");
        List<List<Condition>> parsed = new ArrayList<>();
        for (int g = 0; g < groups.node.size(); g++) {
            At conditions = groups.item(g).object().required("conditions").array();
            if (conditions.node.isEmpty()) throw conditions.invalid("A condition group needs at least one condition.");
            List<Condition> group = new ArrayList<>();
            for (int c = 0; c < conditions.node.size(); c++) group.add(condition(accountId, conditions.item(c).object()));
            parsed.add(List.copyOf(group));
        }
        return new Definition(List.copyOf(parsed), (ObjectNode) definition.deepCopy());
    }

    private Condition condition(String accountId, At c) {
        At type = c.required("type");
        String name = type.text();
        if (UNSUPPORTED.containsKey(name)) {
            throw type.invalid("The condition type '" + name + "' is not supported: " + UNSUPPORTED.get(name) + ".");
        }
        return switch (name) {
            case "profile-property" -> new Condition.Property(field(c.required("property")), propertyFilter(c));
            case "profile-group-membership" -> groupMembership(accountId, c);
            case "profile-metric" -> metric(accountId, c);
            case "profile-marketing-consent" -> consent(c.required("consent").object());
            case "profile-region" -> new Condition.Region(c.required("in_region").bool(),
                    Regions.parse(c.required("region").oneOf("european_union", "united_states")));
            case "profile-sample" -> {
                At p = c.required("percentage");
                long percentage = p.integer();
                if (percentage < 1 || percentage > 100) throw p.invalid("percentage must be from 1 to 100.");
                yield new Condition.RandomSample((int) percentage);
            }
            default -> throw type.invalid("Unknown condition type '" + name + "'.");
        };
    }

    private static ProfileField field(At at) {
        String name = at.text();
        Matcher custom = CUSTOM.matcher(name);
        if (custom.matches()) return new ProfileField.Custom(custom.group(1) != null ? custom.group(1) : custom.group(2));
        ProfileQueries.Attribute attribute = ProfileQueries.ATTRIBUTES.get(name);
        if (attribute == null) {
            throw at.invalid("Unknown profile property '" + name + "': use a standard one (email, first_name, "
                    + "location.city, created, …) or properties['name'] for a custom property.");
        }
        return new ProfileField.Standard(name, attribute);
    }

    private static ValueFilter propertyFilter(At c) {
        At f = c.required("filter").object();
        ValueFilter filter = valueFilter(f);
        if (c.node.get("property") != null && ProfileQueries.ATTRIBUTES.get(c.node.get("property").asText()) instanceof
                ProfileQueries.Attribute a && !(filter instanceof ValueFilter.Existence) && !fits(a.kind(), filter)) {
            throw f.field("type").invalid("The filter type '" + f.node.path("type").asText() + "' does not apply to "
                    + c.node.get("property").asText() + ", which is " + a.kind().name().toLowerCase(Locale.ROOT) + ".");
        }
        return filter;
    }

    private static boolean fits(ProfileQueries.Kind kind, ValueFilter filter) {
        return switch (kind) {
            case TEXT -> filter instanceof ValueFilter.Text || filter instanceof ValueFilter.TextIn;
            case NUMBER -> filter instanceof ValueFilter.Numeric;
            case DATE -> filter instanceof DateFilter;
        };
    }

    private Condition groupMembership(String accountId, At c) {
        boolean member = c.required("is_member").bool();
        At ids = c.required("group_ids").array();
        if (ids.node.isEmpty()) throw ids.invalid("group_ids needs at least one list id.");
        List<String> listIds = new ArrayList<>();
        for (int i = 0; i < ids.node.size(); i++) {
            At id = ids.item(i);
            String listId = id.text();
            if (!references.listExists(accountId, listId)) {
                throw id.invalid("'" + listId + "' is not a list of this account (group_ids name lists).");
            }
            listIds.add(listId);
        }
        Optional<DateFilter> joined = Optional.empty();
        At timeframe = c.field("timeframe_filter");
        if (timeframe.present()) {
            if (!member) throw timeframe.invalid("timeframe_filter applies only when is_member is true.");
            joined = Optional.of(dateFilter(timeframe.object(), false));
        }
        return new Condition.GroupMembership(member, List.copyOf(listIds), joined);
    }

    private Condition metric(String accountId, At c) {
        At metricId = c.required("metric_id");
        if (!references.metricExists(accountId, metricId.text())) {
            throw metricId.invalid("'" + metricId.text() + "' is not a metric of this account.");
        }
        boolean sum = c.required("measurement").oneOf("count", "sum").equals("sum");
        At mf = c.required("measurement_filter").object();
        if (!(valueFilter(mf) instanceof ValueFilter.Numeric numeric)) throw mf.field("type").invalid("measurement_filter must be numeric.");
        At timeframe = c.required("timeframe_filter").object();
        DateFilter window = dateFilter(timeframe, false);
        if (window instanceof ValueFilter.CalendarMonth || window instanceof ValueFilter.Anniversary) {
            throw timeframe.field("operator").invalid("This date operator is not a timeframe.");
        }
        List<Condition.EventPropertyFilter> filters = new ArrayList<>();
        At list = c.field("metric_filters");
        if (list.present()) {
            list.array();
            for (int i = 0; i < list.node.size(); i++) {
                At item = list.item(i).object();
                String property = item.required("property").text();
                At f = item.field("filter");
                ValueFilter filter = f.present() ? valueFilter(f.object()) : new ValueFilter.Existence(true);
                if (filter instanceof DateFilter || filter instanceof ValueFilter.ListContains) {
                    throw f.field("type").invalid("This filter does not apply to event properties.");
                }
                filters.add(new Condition.EventPropertyFilter(property, filter));
            }
        }
        return new Condition.Metric(metricId.text(), sum, numeric, window, List.copyOf(filters));
    }

    private static Condition consent(At consent) {
        ConsentChannel channel = ConsentChannel.valueOf(consent.required("channel").oneOf("email", "sms", "push")
                .toUpperCase(Locale.ROOT));
        boolean canReceive = consent.required("can_receive_marketing").bool();
        At status = consent.required("consent_status").object();
        At subscription = status.required("subscription");
        List<String> allowed = switch (channel) {
            case EMAIL -> canReceive ? List.of("any", "subscribed", "never_subscribed")
                    : List.of("any", "unsubscribed", "never_subscribed", "subscribed");
            case SMS -> canReceive ? List.of("subscribed") : List.of("any", "unsubscribed", "never_subscribed");
            case PUSH -> List.of("any");
        };
        Subscription s = Subscription.valueOf(subscription.oneOf(allowed.toArray(String[]::new)).toUpperCase(Locale.ROOT));
        At filters = status.field("filters");
        if (filters.present() && !(filters.node.isArray() && filters.node.isEmpty())) {
            throw filters.invalid("Consent method and date filters are not supported yet; leave filters out.");
        }
        return new Condition.MarketingConsent(channel, canReceive, s);
    }

    /** Any filter object of the spec, by its type and operator. */
    static ValueFilter valueFilter(At f) {
        String type = f.required("type").oneOf("string", "numeric", "boolean", "date", "list", "existence");
        At op = f.required("operator");
        return switch (type) {
            case "string" -> {
                String operator = op.text();
                if (TEXT_OPERATORS.contains(operator)) {
                    At value = f.required("value");
                    String text = value.node.isNull() ? null : value.text();
                    if (text != null && operator.endsWith("regex")) checkRegex(value, text);
                    yield new ValueFilter.Text(operator, text);
                }
                if (operator.equals("in") || operator.equals("not-in")) {
                    yield new ValueFilter.TextIn(operator.equals("not-in"), f.required("value").texts());
                }
                if (operator.startsWith("phone-country-code")) {
                    throw op.invalid("The operator '" + operator + "' is not supported yet.");
                }
                throw op.invalid("Unknown string operator '" + operator + "'.");
            }
            case "numeric" -> new ValueFilter.Numeric(comparison(op, ""), f.required("value").number());
            case "boolean" -> {
                op.oneOf("equals");
                yield new ValueFilter.Bool(f.required("value").bool());
            }
            case "date" -> dateFilter(f, true);
            case "existence" -> new ValueFilter.Existence(op.oneOf("is-set", "not-set").equals("is-set"));
            default -> listFilter(f, op);
        };
    }

    private static ValueFilter listFilter(At f, At op) {
        String operator = op.text();
        return switch (operator) {
            case "contains", "not-contains" -> {
                At v = f.required("value");
                if (!v.node.isNull() && !v.node.isTextual() && !v.node.isIntegralNumber()) {
                    throw v.invalid("value must be a string or an integer.");
                }
                yield new ValueFilter.ListContains(operator.startsWith("not"),
                        v.node.isNull() ? null : v.node.isTextual() ? v.node.asText() : (Object) v.node.longValue());
            }
            case "contains-all", "contains-any", "not-contains-all", "not-contains-any" -> new ValueFilter.ListSet(
                    operator.endsWith("all"), operator.startsWith("not"), f.required("value").texts());
            case "contains-substring", "not-contains-substring" -> {
                At v = f.required("value");
                yield new ValueFilter.ListSubstring(operator.startsWith("not"), v.node.isNull() ? null : v.text());
            }
            default -> {
                if (!operator.startsWith("length-")) throw op.invalid("Unknown list operator '" + operator + "'.");
                yield new ValueFilter.ListLength(comparison(op, "length-"), f.required("value").integer());
            }
        };
    }

    private static Comparison comparison(At op, String prefix) {
        String operator = op.text();
        Comparison c = switch (operator.startsWith(prefix) ? operator.substring(prefix.length()) : "") {
            case "equals" -> Comparison.EQUALS;
            case "not-equals" -> prefix.isEmpty() ? Comparison.NOT_EQUALS : null;
            case "greater-than" -> Comparison.GREATER_THAN;
            case "greater-than-or-equal" -> Comparison.GREATER_OR_EQUAL;
            case "less-than" -> Comparison.LESS_THAN;
            case "less-than-or-equal" -> Comparison.LESS_OR_EQUAL;
            default -> null;
        };
        if (c == null) throw op.invalid("Unknown operator '" + operator + "'.");
        return c;
    }

    /** A date filter; {@code calendar} allows the ones that test a calendar position rather than a window. */
    private static DateFilter dateFilter(At f, boolean calendar) {
        At type = f.required("type");
        if (!type.text().equals("date")) throw type.invalid("A date filter has type 'date'.");
        At op = f.required("operator");
        String operator = op.text();
        DateFilter filter = switch (operator) {
            case "before" -> new ValueFilter.Before(f.required("date").dateTime());
            case "after" -> new ValueFilter.After(f.required("date").dateTime());
            case "between-static" -> {
                OffsetDateTime start = f.required("start").dateTime();
                At end = f.required("end");
                if (end.dateTime().isBefore(start)) throw end.invalid("end is before start.");
                yield new ValueFilter.BetweenDates(start, end.dateTime());
            }
            case "in-the-last", "at-least", "in-the-next" -> new ValueFilter.Relative(
                    switch (operator) {
                        case "in-the-last" -> ValueFilter.RelativeOperator.IN_THE_LAST;
                        case "at-least" -> ValueFilter.RelativeOperator.AT_LEAST_AGO;
                        default -> ValueFilter.RelativeOperator.IN_THE_NEXT;
                    }, unit(f), quantity(f.required("quantity")));
            case "between" -> {
                int start = quantity(f.required("start"));
                At end = f.required("end");
                if (quantity(end) < start) throw end.invalid("end is fewer units ago than start.");
                yield new ValueFilter.RelativeRange(start, quantity(end), unit(f));
            }
            case "alltime" -> new ValueFilter.AllTime();
            case "calendar-month" -> {
                At v = f.required("value");
                long month = v.integer();
                if (month < 1 || month > 12) throw v.invalid("value must be a month from 1 to 12.");
                yield new ValueFilter.CalendarMonth((int) month);
            }
            case "anniversary", "anniversary-month" -> new ValueFilter.Anniversary(operator.equals("anniversary-month"));
            case "anniversary-last", "anniversary-next" -> throw op.invalid("The operator '" + operator + "' is not supported yet.");
            default -> throw op.invalid("Unknown date operator '" + operator + "'.");
        };
        if (!calendar && (filter instanceof ValueFilter.CalendarMonth || filter instanceof ValueFilter.Anniversary)) {
            throw op.invalid("The operator '" + operator + "' is not a timeframe.");
        }
        if (calendar && filter instanceof ValueFilter.AllTime) throw op.invalid("'alltime' is only a timeframe.");
        return filter;
    }

    private static ValueFilter.TimeUnit unit(At f) {
        return ValueFilter.TimeUnit.valueOf(f.required("unit").oneOf("hour", "day", "week").toUpperCase(Locale.ROOT));
    }

    private static int quantity(At at) {
        long q = at.integer();
        // about 100 years of hours: beyond that a window is all time, and the arithmetic stays in range
        if (q < 0 || q > 1_000_000) throw at.invalid("The quantity must be from 0 to 1000000.");
        return (int) q;
    }

    private static void checkRegex(At at, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw at.invalid("Invalid regular expression: " + e.getDescription() + ".");
        }
    }

    /** A member of the request body and its JSON pointer, with typed reads that fail with that pointer. */
    record At(JsonNode node, String pointer) {
        At field(String name) {
            return new At(node == null ? null : node.get(name), pointer + "/" + name);
        }

        At required(String name) {
            At f = field(name);
            if (!f.present()) throw f.invalid("'" + name + "' is required.");
            return f;
        }

        At item(int i) {
            return new At(node.get(i), pointer + "/" + i);
        }

        boolean present() {
            return node != null && !node.isNull();
        }

        At object() {
            if (node == null || !node.isObject()) throw invalid("Expected an object.");
            return this;
        }

        At array() {
            if (!node.isArray()) throw invalid("Expected an array.");
            return this;
        }

        String text() {
            if (!node.isTextual()) throw invalid("Expected a string.");
            return node.asText();
        }

        String oneOf(String... values) {
            String v = text();
            for (String allowed : values) if (allowed.equals(v)) return v;
            throw invalid("'" + v + "' is not one of " + String.join(", ", values) + ".");
        }

        boolean bool() {
            if (!node.isBoolean()) throw invalid("Expected true or false.");
            return node.asBoolean();
        }

        long integer() {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) throw invalid("Expected an integer.");
            return node.asLong();
        }

        BigDecimal number() {
            if (!node.isNumber()) throw invalid("Expected a number.");
            return node.decimalValue();
        }

        List<String> texts() {
            array();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) values.add(item(i).text());
            return List.copyOf(values);
        }

        OffsetDateTime dateTime() {
            return Datetime.parse(text()).map(Datetime::utc) // UTC: PostgreSQL's offsets stop at ±15:59
                    .orElseThrow(() -> invalid("Expected a datetime: " + Datetime.FORMS + "."));
        }

        ApiError invalid(String detail) {
            return ApiError.invalidPointer(pointer, detail);
        }
    }
}
