package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.consent.Channel;
import dev.openprofile.consent.Consent;
import dev.openprofile.consent.ConsentState;
import dev.openprofile.profiles.ProfileQueries;
import dev.openprofile.segments.engine.DataSet.Event;
import dev.openprofile.segments.engine.DataSet.Membership;
import dev.openprofile.segments.engine.DataSet.Profile;
import dev.openprofile.segments.engine.ValueFilter.DateFilter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The segment semantics written plainly, profile by profile, over an in-memory {@link DataSet}: what
 * {@link SegmentSql} must select (SegmentEngineMatchesReferenceProperties holds the two equal). Written
 * from the rules, not from the SQL; the reading rules both share are {@link Values}, {@link Window},
 * {@link Regions} and consent's own {@link ConsentState}.
 */
final class ReferenceEvaluator {
    private final DataSet data;
    private final OffsetDateTime now;
    private final Map<String, List<Event>> events;
    private final Map<String, List<Membership>> memberships;

    ReferenceEvaluator(DataSet data, OffsetDateTime now) {
        this.data = data;
        this.now = now;
        this.events = data.events().stream().collect(Collectors.groupingBy(Event::profileId));
        this.memberships = data.memberships().stream().collect(Collectors.groupingBy(Membership::profileId));
    }

    /** A profile is a member when every group holds; a group holds when one of its conditions does. */
    Set<String> members(String segmentId, Definition definition) {
        return data.profiles().stream()
                .filter(p -> definition.groups().stream().allMatch(g -> g.stream().anyMatch(c -> holds(segmentId, p, c))))
                .map(Profile::id).collect(Collectors.toSet());
    }

    private boolean holds(String segmentId, Profile p, Condition condition) {
        return switch (condition) {
            case Condition.Property c -> switch (c.field()) {
                case ProfileField.Standard s -> standard(p, s, c.filter());
                case ProfileField.Custom custom -> json(c.filter(), p.properties().get(custom.name()));
            };
            case Condition.GroupMembership c -> c.member() == memberships.getOrDefault(p.id(), List.of()).stream()
                    .anyMatch(m -> c.listIds().contains(m.listId()) && c.joined().map(w -> date(w, m.joined())).orElse(true));
            case Condition.Metric c -> metric(p, c);
            case Condition.MarketingConsent c -> consent(data.consents().getOrDefault(p.id(), ConsentState.EMPTY), c);
            case Condition.Region c -> {
                JsonNode country = p.location().get("country");
                yield c.inRegion() == (country != null && country.isTextual()
                        && Regions.countries(c.region()).contains(lower(country.asText())));
            }
            case Condition.RandomSample c -> Values.sampleBucket(segmentId, p.id()) < c.percentage();
        };
    }

    /** A standard attribute, read as its owner (the profile feature) documents it. */
    private boolean standard(Profile p, ProfileField.Standard field, ValueFilter filter) {
        String name = field.name();
        if (name.equals("location.latitude") || name.equals("location.longitude")) {
            // stored as sent, a JSON number or a string: read as a property is
            return json(filter, p.location().get(name.substring("location.".length())));
        }
        if (field.attribute().kind() == ProfileQueries.Kind.DATE) {
            OffsetDateTime t = switch (name) {
                case "created" -> p.created();
                case "updated" -> p.updated();
                case "last_event_date" -> p.lastEventDate();
                default -> throw new IllegalArgumentException("a date attribute the reference does not know: " + name);
            };
            return filter instanceof ValueFilter.Existence e ? e.set() == (t != null) : date((DateFilter) filter, t);
        }
        String text;
        if (name.startsWith("location.")) {
            // a location member is a string; an empty one is no value, as on the wire
            JsonNode v = p.location().get(name.substring("location.".length()));
            text = v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
        } else {
            if (!DataSet.TEXT_COLUMNS.contains(name)) throw new IllegalArgumentException("unknown attribute " + name);
            text = p.columns().get(name);
        }
        return filter instanceof ValueFilter.Existence e ? e.set() == (text != null && !text.isEmpty()) : text(filter, text);
    }

    /**
     * A filter on a JSON value: a custom profile property or an event property (null: absent). The filters'
     * values are never null: DefinitionParser requires them.
     */
    private boolean json(ValueFilter filter, JsonNode v) {
        return switch (filter) {
            case ValueFilter.Existence e -> e.set() == isSet(v);
            case ValueFilter.Text t -> text(t, textOf(v));
            case ValueFilter.TextIn t -> text(t, textOf(v));
            case ValueFilter.Numeric n -> {
                BigDecimal number = numberOf(v);
                yield number != null && n.comparison().holds(number.compareTo(n.value()));
            }
            case ValueFilter.Bool b -> v != null && v.isBoolean() && v.booleanValue() == b.value();
            case DateFilter d -> date(d, textOf(v) == null ? null : Values.date(textOf(v)));
            case ValueFilter.ListContains l ->
                    v != null && v.isArray() && l.negated() != items(v).anyMatch(i -> sameItem(i, l.value()));
            case ValueFilter.ListLength l -> v != null && v.isArray() && l.comparison().holds(Long.compare(v.size(), l.value()));
            case ValueFilter.ListSet l -> v != null && v.isArray() && l.negated() != (l.all()
                    ? l.values().stream().allMatch(value -> items(v).anyMatch(i -> sameItem(i, value)))
                    : l.values().stream().anyMatch(value -> items(v).anyMatch(i -> sameItem(i, value))));
            case ValueFilter.ListSubstring l -> v != null && v.isArray() && l.negated() != items(v).anyMatch(i ->
                    i.isTextual() && lower(i.asText()).contains(lower(l.value())));
        };
    }

    /** Not set: absent, null, an empty string or an empty list. */
    private static boolean isSet(JsonNode v) {
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty()) && !(v.isArray() && v.isEmpty());
    }

    private static String textOf(JsonNode v) {
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A JSON number, or a string that is a plain decimal. */
    private static BigDecimal numberOf(JsonNode v) {
        if (v != null && v.isNumber()) return v.decimalValue();
        if (v != null && v.isTextual() && Values.DECIMAL.matcher(v.asText()).matches()) return new BigDecimal(v.asText());
        return null;
    }

    private static java.util.stream.Stream<JsonNode> items(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false);
    }

    /** A list item equal to a filter's value: text ignoring case, a number by value. */
    private static boolean sameItem(JsonNode item, Object value) {
        return switch (value) {
            case String s -> item.isTextual() && lower(item.asText()).equals(lower(s));
            case Long n -> numberOf(item) != null && numberOf(item).compareTo(BigDecimal.valueOf(n)) == 0;
            default -> throw new IllegalArgumentException("a list value is a string or an integer: " + value);
        };
    }

    private static boolean text(ValueFilter filter, String s) {
        if (s == null) return false;
        return switch (filter) {
            case ValueFilter.TextIn in -> in.negated() != in.values().stream().anyMatch(v -> lower(v).equals(lower(s)));
            case ValueFilter.Text t -> negated(t.operator()) != switch (t.operator().replaceFirst("^not-", "")) {
                case "equals" -> lower(s).equals(lower(t.value()));
                case "contains" -> lower(s).contains(lower(t.value()));
                case "starts-with" -> lower(s).startsWith(lower(t.value()));
                case "ends-with" -> lower(s).endsWith(lower(t.value()));
                case "regex", "nregex" -> Pattern.compile(t.value()).matcher(s).find(); // regex: case counts
                default -> throw new IllegalArgumentException("unknown text operator " + t.operator());
            };
            default -> throw new IllegalArgumentException("not a text filter: " + filter);
        };
    }

    private static boolean negated(String operator) {
        return operator.startsWith("not-") || operator.equals("nregex");
    }

    /**
     * lower() of PostgreSQL: every character's own lower case. (String.toLowerCase looks at context:
     * it writes a word-final Σ as ς.)
     */
    static String lower(String s) {
        return s.codePoints().map(Character::toLowerCase)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** A date filter on a moment (null: no date); calendar positions are taken in UTC. */
    private boolean date(DateFilter filter, OffsetDateTime t) {
        if (t == null) return false;
        OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime today = now.withOffsetSameInstant(ZoneOffset.UTC);
        return switch (filter) {
            case ValueFilter.CalendarMonth m -> utc.getMonthValue() == m.month();
            case ValueFilter.Anniversary a -> utc.getMonthValue() == today.getMonthValue()
                    && (a.monthOnly() || utc.getDayOfMonth() == today.getDayOfMonth());
            default -> Window.of(filter, now).contains(t);
        };
    }

    /** The profile's events of the metric in the timeframe that pass the filters, counted or summed (0 without any). */
    private boolean metric(Profile p, Condition.Metric c) {
        List<Event> counted = events.getOrDefault(p.id(), List.of()).stream()
                .filter(e -> e.metricId().equals(c.metricId()) && date(c.timeframe(), e.time()))
                .filter(e -> c.eventFilters().stream().allMatch(f -> json(f.filter(), e.properties().get(f.property()))))
                .toList();
        BigDecimal measure = c.sum()
                ? counted.stream().map(e -> e.value() == null ? BigDecimal.ZERO : e.value()).reduce(BigDecimal.ZERO, BigDecimal::add)
                : BigDecimal.valueOf(counted.size());
        return c.measurement().comparison().holds(measure.compareTo(c.measurement().value()));
    }

    /** Whether the channel can receive marketing as the condition asks, with the subscription it shows. */
    private static boolean consent(ConsentState state, Condition.MarketingConsent c) {
        Channel channel = switch (c.channel()) {
            case EMAIL -> Channel.EMAIL_MARKETING;
            case SMS -> Channel.SMS_MARKETING;
            case PUSH -> Channel.MOBILE_PUSH_MARKETING;
        };
        Consent consent = state.channel(channel).consent();
        boolean subscription = switch (c.subscription()) {
            case ANY -> true;
            case SUBSCRIBED -> consent == Consent.SUBSCRIBED;
            case UNSUBSCRIBED -> consent == Consent.UNSUBSCRIBED;
            // a double opt-in not yet confirmed shows as never subscribed (SubscriptionsRenderer)
            case NEVER_SUBSCRIBED -> consent == Consent.NEVER_SUBSCRIBED || consent == Consent.PENDING;
        };
        return state.canReceive(channel) == c.canReceive() && subscription;
    }
}
