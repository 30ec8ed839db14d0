package dev.openprofile.segments.engine;

import dev.openprofile.consent.Channel;
import dev.openprofile.consent.ConsentQueries;
import dev.openprofile.events.EventQueries;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.lists.ListQueries;
import dev.openprofile.profiles.ProfileQueries;
import dev.openprofile.segments.engine.ValueFilter.DateFilter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a definition into one query of the profile ids it selects: every condition becomes a
 * predicate over profile {@code p}, the set-shaped ones (list membership, events) as hashed
 * {@code p.id [not] in (subquery)} so that no condition is evaluated profile by profile. The reference
 * semantics, written plainly, are in the tests ({@code ReferenceEvaluator}); a randomized test holds the
 * two equal.
 *
 * <p>Rules shared by both: a value filter never matches an absent value or a value of another type
 * (Klaviyo: properties that aren't set "are excluded from consideration"), negated operators included;
 * text comparisons ignore case, regular expressions do not; dates are compared in UTC.
 */
final class SegmentSql {
    /** A JSON value's text when it is a string. */
    private static final String TEXT_OF = "case when jsonb_typeof(%1$s) = 'string' then %1$s #>> '{}' end";
    /** A JSON value's number: a JSON number, or a string that is a plain decimal. */
    private static final String NUMBER_OF = "case when jsonb_typeof(%1$s) = 'number' then (%1$s #>> '{}')::numeric "
            + "when jsonb_typeof(%1$s) = 'string' and (%1$s #>> '{}') ~ '" + Values.DECIMAL.pattern()
            + "' then (%1$s #>> '{}')::numeric end";
    /** A JSON value when it is a list, else null (so that no list function sees a scalar). */
    private static final String ARRAY_OF = "case when jsonb_typeof(%1$s) = 'array' then %1$s end";
    /**
     * A JSON list's text items in lower case (an empty array for any other value): list filters compare
     * text as text filters do, and a number or a nested list is no text.
     */
    private static final String TEXT_ITEMS = "array(select lower(item #>> '{}') from jsonb_array_elements(" + ARRAY_OF
            + ") item where jsonb_typeof(item) = 'string')";
    /** A JSON value's moment: a string in one of the date forms {@link Values#date} reads. */
    private static final String DATE_OF = "openprofile_segment_date(case when jsonb_typeof(%1$s) = 'string' then %1$s #>> '{}' end)";

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    private final OffsetDateTime now;
    private final String accountId;
    private final String segmentId;
    /** Only these profiles (an incremental update), or null for all of the account's. */
    private final String[] scope;

    private SegmentSql(String accountId, String segmentId, OffsetDateTime now, String[] scope) {
        this.accountId = accountId;
        this.segmentId = segmentId;
        this.now = now;
        this.scope = scope;
    }

    /**
     * {@code select p.id from profile p where …}: the members of the segment at {@code now}, among
     * {@code scope} only when it is not null (the subqueries are narrowed to them too, so that checking
     * a few profiles reads only their rows).
     */
    static SqlFragment members(String accountId, String segmentId, Definition definition, OffsetDateTime now,
                               java.util.Collection<String> scope) {
        SegmentSql q = new SegmentSql(accountId, segmentId, now, scope == null ? null : scope.toArray(String[]::new));
        q.sql.append("select p.id from ").append(ProfileQueries.TABLE).append(" p where p.account_id = ?");
        q.params.add(accountId);
        q.narrow("p.id");
        for (List<Condition> group : definition.groups()) {
            q.sql.append(" and (");
            for (int i = 0; i < group.size(); i++) {
                if (i > 0) q.sql.append(" or ");
                q.sql.append('(');
                q.condition(group.get(i));
                q.sql.append(')');
            }
            q.sql.append(')');
        }
        return new SqlFragment(q.sql.toString(), q.params);
    }

    /** {@code and column = any(scope)} when the query is scoped to some profiles. */
    private void narrow(String column) {
        if (scope == null) return;
        sql.append(" and ").append(column).append(" = any(?)");
        params.add(scope);
    }

    private void condition(Condition condition) {
        switch (condition) {
            case Condition.Property c -> property(c.field(), c.filter());
            case Condition.GroupMembership c -> {
                sql.append(c.member() ? "p.id in (" : "p.id not in (").append(ListQueries.MEMBERS_OF_ANY);
                params.add(accountId);
                params.add(c.listIds().toArray(String[]::new));
                narrow("m.profile_id");
                c.joined().ifPresent(window -> {
                    sql.append(" and ");
                    date(Expr.of(ListQueries.JOINED_AT), window);
                });
                sql.append(')');
            }
            case Condition.Metric c -> metric(c);
            case Condition.MarketingConsent c -> consent(c);
            case Condition.Region c -> {
                sql.append(c.inRegion() ? "" : "not ").append("coalesce(lower(p.location ->> 'country') = any(?), false)");
                params.add(Regions.countries(c.region()).toArray(String[]::new));
            }
            case Condition.RandomSample c -> {
                // The first 32 bits of md5(segment id + profile id), mod 100: stable for a profile in a
                // segment, independent across segments, and the same number Values.sampleBucket computes.
                sql.append("('x' || substr(md5(? || p.id), 1, 8))::bit(32)::bigint % 100 < ?");
                params.add(segmentId);
                params.add((long) c.percentage());
            }
        }
    }

    private void property(ProfileField field, ValueFilter filter) {
        switch (field) {
            case ProfileField.Standard s -> {
                Expr expr = Expr.of(s.attribute().sql());
                switch (s.attribute().kind()) {
                    // an empty string is no value (the API stores "" for a text attribute sent as "")
                    case TEXT -> {
                        if (filter instanceof ValueFilter.Existence e) {
                            sql.append("nullif(").append(use(expr)).append(", '')").append(e.set() ? " is not null" : " is null");
                        } else {
                            text(expr, filter);
                        }
                    }
                    // a JSON value as sent (a coordinate may be a number or a string), read as a property is
                    case NUMBER -> {
                        if (filter instanceof ValueFilter.Existence e) existence(expr, e.set());
                        else numeric(expr.in(NUMBER_OF), (ValueFilter.Numeric) filter);
                    }
                    case DATE -> {
                        if (filter instanceof ValueFilter.Existence e) sql.append(use(expr)).append(e.set() ? " is not null" : " is null");
                        else date(expr, (DateFilter) filter);
                    }
                }
            }
            case ProfileField.Custom c -> json(ProfileQueries.PROPERTIES, c.name(), filter);
        }
    }

    /**
     * A filter on the JSON value ({@code jsonb}) under {@code key} of the document {@code document}. The
     * value's expression holds the key as a parameter, bound again wherever the expression is written,
     * so that PostgreSQL sees plain expressions.
     */
    private void json(String document, String key, ValueFilter filter) {
        Expr v = new Expr("(" + document + " -> ?)", List.of(key));
        switch (filter) {
            case ValueFilter.Existence e -> existence(v, e.set());
            case ValueFilter.Bool b -> {
                sql.append(use(v)).append(" = ?::jsonb");
                params.add(Boolean.toString(b.value()));
            }
            case ValueFilter.Numeric n -> numeric(v.in(NUMBER_OF), n);
            case DateFilter d -> date(v.in(DATE_OF), d);
            case ValueFilter.ListContains l -> {
                sql.append("jsonb_typeof(").append(use(v)).append(") = 'array' and ").append(l.negated() ? "not " : "");
                switch (l.value()) {
                    // text ignores case; a number is a number item or a decimal string of the same value
                    case String text -> sql.append(use(v.in(TEXT_ITEMS))).append(" @> array[lower(?::text)]");
                    case Long number -> sql.append("exists (select 1 from jsonb_array_elements(").append(use(v.in(ARRAY_OF)))
                            .append(") item where ").append(String.format(NUMBER_OF, "item")).append(" = ?)");
                    default -> throw new IllegalArgumentException("a list holds a string or an integer: " + l.value());
                }
                params.add(l.value());
            }
            case ValueFilter.ListLength l -> {
                // PostgreSQL may evaluate the operands of "and" in any order: only a case keeps the
                // length from being asked of a scalar, which fails the whole query
                sql.append(use(v.in(ARRAY_OF).in("jsonb_array_length(%1$s)"))).append(' ').append(l.comparison().sql).append(" ?");
                params.add(l.value());
            }
            case ValueFilter.ListSet l -> {
                sql.append("jsonb_typeof(").append(use(v)).append(") = 'array' and ").append(l.negated() ? "not " : "")
                        .append(use(v.in(TEXT_ITEMS))).append(l.all() ? " @> " : " && ")
                        .append("array(select lower(w) from unnest(?::text[]) w)");
                params.add(l.values().toArray(String[]::new));
            }
            case ValueFilter.ListSubstring l -> {
                sql.append("jsonb_typeof(").append(use(v)).append(") = 'array' and ").append(l.negated() ? "not " : "")
                        .append("exists (select 1 from unnest(").append(use(v.in(TEXT_ITEMS)))
                        .append(") item where strpos(item, lower(?)) > 0)");
                params.add(l.value() == null ? "" : l.value());
            }
            case ValueFilter.Text t -> text(v.in(TEXT_OF), t);
            case ValueFilter.TextIn t -> text(v.in(TEXT_OF), t);
        }
    }

    /** Whether a JSON value is set: null, an empty string and an empty list are a property with no value. */
    private void existence(Expr v, boolean set) {
        sql.append(set ? "" : "not ").append("coalesce(jsonb_typeof(").append(use(v))
                .append(") <> 'null' and ").append(use(v)).append(" not in ('\"\"'::jsonb, '[]'::jsonb), false)");
    }

    /** The SQL of an expression, its parameters added now: call in the order the SQL is written. */
    private String use(Expr expr) {
        params.addAll(expr.params());
        return expr.sql();
    }

    /** An SQL expression and the values of its own placeholders, which every use of it binds again. */
    private record Expr(String sql, List<Object> params) {
        static Expr of(String sql) {
            return new Expr(sql, List.of());
        }

        /** {@code template} around this expression, which it names {@code %1$s} (any number of times). */
        Expr in(String template) {
            List<Object> all = new ArrayList<>();
            for (int i = template.indexOf("%1$s"); i >= 0; i = template.indexOf("%1$s", i + 1)) all.addAll(params);
            return new Expr(String.format(template, sql), all);
        }
    }

    private void text(Expr expr, ValueFilter filter) {
        switch (filter) {
            case ValueFilter.TextIn in -> {
                sql.append(use(expr)).append(" is not null and ").append(in.negated() ? "not " : "")
                        // lower() on both sides: Java's toLowerCase differs from it (a word-final Σ becomes ς)
                        .append("lower(").append(use(expr)).append(") = any(array(select lower(v) from unnest(?::text[]) v))");
                params.add(in.values().toArray(String[]::new));
            }
            case ValueFilter.Text t -> {
                if (t.value() == null) { // "equals null": Klaviyo's way of saying no value
                    sql.append(use(expr)).append(t.operator().startsWith("not") ? " is not null" : " is null");
                    return;
                }
                boolean negated = t.operator().startsWith("not") || t.operator().equals("nregex");
                sql.append(use(expr)).append(" is not null and ").append(negated ? "not " : "").append('(');
                switch (t.operator()) {
                    case "equals", "not-equals" -> sql.append("lower(").append(use(expr)).append(") = lower(?)");
                    case "contains", "not-contains" -> sql.append("strpos(lower(").append(use(expr)).append("), lower(?)) > 0");
                    case "starts-with", "not-starts-with" -> sql.append("starts_with(lower(").append(use(expr)).append("), lower(?))");
                    case "ends-with", "not-ends-with" -> sql.append("right(lower(").append(use(expr))
                            .append("), length(?)) = lower(?)");
                    default -> sql.append(use(expr)).append(" ~ ?");
                }
                sql.append(')');
                params.add(t.value());
                if (t.operator().endsWith("ends-with")) params.add(t.value());
            }
            default -> throw new IllegalArgumentException("not a text filter: " + filter);
        }
    }

    private void numeric(Expr expr, ValueFilter.Numeric n) {
        sql.append(use(expr)).append(' ').append(n.comparison().sql).append(" ?");
        params.add(n.value());
    }

    /** A date filter on a {@code timestamptz} expression, at {@code now}. */
    private void date(Expr expr, DateFilter filter) {
        Window w = Window.of(filter, now);
        switch (filter) {
            case ValueFilter.CalendarMonth m -> {
                sql.append("extract(month from ").append(use(expr)).append(" at time zone 'UTC') = ?");
                params.add((long) m.month());
            }
            case ValueFilter.Anniversary a -> {
                sql.append("extract(month from ").append(use(expr)).append(" at time zone 'UTC') = ?");
                params.add((long) now.withOffsetSameInstant(java.time.ZoneOffset.UTC).getMonthValue());
                if (!a.monthOnly()) {
                    sql.append(" and extract(day from ").append(use(expr)).append(" at time zone 'UTC') = ?");
                    params.add((long) now.withOffsetSameInstant(java.time.ZoneOffset.UTC).getDayOfMonth());
                }
            }
            default -> {
                sql.append(use(expr)).append(" is not null");
                if (w.from() != null) {
                    sql.append(" and ").append(use(expr)).append(w.fromInclusive() ? " >= ?" : " > ?");
                    params.add(w.from());
                }
                if (w.to() != null) {
                    sql.append(" and ").append(use(expr)).append(w.toInclusive() ? " <= ?" : " < ?");
                    params.add(w.to());
                }
            }
        }
    }

    private void metric(Condition.Metric c) {
        // 0 events of the metric in the window: does the measurement filter hold? Then the profiles
        // without any such events qualify, and the query excludes those whose total fails instead.
        boolean zeroMatches = c.measurement().comparison().holds(BigDecimal.ZERO.compareTo(c.measurement().value()));
        sql.append(zeroMatches ? "p.id not in (" : "p.id in (").append("select ").append(EventQueries.PROFILE).append(' ')
                .append(EventQueries.OF_METRIC);
        params.add(accountId);
        params.add(c.metricId());
        narrow(EventQueries.PROFILE);
        sql.append(" and ");
        date(Expr.of(EventQueries.TIME), c.timeframe());
        for (Condition.EventPropertyFilter f : c.eventFilters()) {
            sql.append(" and (");
            json(EventQueries.PROPERTIES, f.property(), f.filter());
            sql.append(')');
        }
        String measure = c.sum() ? "coalesce(sum(" + EventQueries.VALUE + "), 0)" : "count(*)";
        sql.append(" group by ").append(EventQueries.PROFILE).append(" having ").append(zeroMatches ? "not (" : "(")
                .append(measure).append(' ').append(c.measurement().comparison().sql).append(" ?)");
        params.add(c.measurement().value());
        // PostgreSQL looks each of these profiles up in profile: in key order the lookups walk its index (and
        // the table, where profiles lie as they were created) forward instead of at random, which halved the
        // full evaluation of a segment of 100,000 recent buyers (docs/benchmarks.md). "in" is a set test: the
        // order changes nothing else. ("not in" is a hashed subplan, which no order helps.)
        if (!zeroMatches) sql.append(" order by ").append(EventQueries.PROFILE);
        sql.append(')');
    }

    private void consent(Condition.MarketingConsent c) {
        Channel channel = switch (c.channel()) {
            case EMAIL -> Channel.EMAIL_MARKETING;
            case SMS -> Channel.SMS_MARKETING;
            case PUSH -> Channel.MOBILE_PUSH_MARKETING;
        };
        String status = ConsentQueries.channelConsent(channel.name());
        // Consent's own rule (PENDING shows as NEVER_SUBSCRIBED, and cannot receive email).
        String canReceive = ConsentQueries.canReceive(channel);
        sql.append(c.canReceive() ? canReceive : "not " + canReceive);
        switch (c.subscription()) {
            case ANY -> { }
            case SUBSCRIBED -> sql.append(" and ").append(status).append(" = 'SUBSCRIBED'");
            case UNSUBSCRIBED -> sql.append(" and ").append(status).append(" = 'UNSUBSCRIBED'");
            case NEVER_SUBSCRIBED -> sql.append(" and ").append(status).append(" in ('NEVER_SUBSCRIBED', 'PENDING')");
        }
    }
}
