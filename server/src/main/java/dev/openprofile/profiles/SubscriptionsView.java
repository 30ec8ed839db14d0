package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.filter.SqlFilter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What profile reads need from consent, which owns it (and depends on profiles, so it cannot be
 * called directly): the {@code subscriptions} object of each profile, and the SQL for the
 * {@code subscriptions.*} filters and sorts of get_profiles, which read consent's tables. Wired in
 * {@code App}.
 *
 * @param render   account id and profile ids to each profile's subscriptions object
 * @param filters  filter field to the related rows that hold it (over profile {@code p})
 * @param sortKeys sort field to an SQL timestamptz expression over profile {@code p}, never null
 */
public record SubscriptionsView(BiFunction<String, List<String>, Map<String, ObjectNode>> render,
                                Map<String, SqlFilter.Related> filters, Map<String, String> sortKeys) {

    /** Before consent is wired (tools that read no subscriptions). */
    public static final SubscriptionsView NONE = new SubscriptionsView((a, ids) -> Map.of(), Map.of(), Map.of());
}
