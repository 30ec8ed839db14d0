package dev.openprofile.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How many profiles, lists, segments and events an account holds, for its overview page, each counted by the
 * feature that owns those rows (wired in App). Exact counts: fine for an overview opened now and then, never used by
 * the paged tables (issue 18: keyset paging, no count(*) on every page).
 */
public final class AccountCounts {
    /** One kind and who counts it: {@code count} takes the account id. */
    public record Kind(String name, ToLongFunction<String> count) {}

    private final List<Kind> kinds;

    public AccountCounts(List<Kind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** Each kind's count, in the order the page shows them. */
    Map<String, Long> of(String accountId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Kind kind : kinds) counts.put(kind.name(), kind.count().applyAsLong(accountId));
        return counts;
    }
}
