package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A parsed segment definition: a profile is a member when every group holds, and a group holds when
 * any of its conditions does. {@code json} is the definition as the request gave it (checked), which is
 * what the API stores and returns.
 */
public record Definition(List<List<Condition>> groups, ObjectNode json) {
    public Definition {
        groups = List.copyOf(groups);
        json = json.deepCopy();
    }

    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /**
     * Whether membership can change with nothing but time passing ("in the last 30 days", an
     * anniversary): such a segment must be re-evaluated as the clock moves, not only when data changes.
     */
    public boolean changesWithTime() {
        return groups.stream().flatMap(List::stream).anyMatch(c -> switch (c) {
            case Condition.Property p -> p.filter() instanceof ValueFilter.DateFilter d && relative(d);
            case Condition.GroupMembership g -> g.joined().filter(Definition::relative).isPresent();
            case Condition.Metric m -> relative(m.timeframe());
            case Condition.MarketingConsent mc -> false;
            case Condition.Region r -> false;
            case Condition.RandomSample s -> false;
        });
    }

    private static boolean relative(ValueFilter.DateFilter d) {
        return d instanceof ValueFilter.Relative || d instanceof ValueFilter.RelativeRange
                || d instanceof ValueFilter.Anniversary;
    }
}
