package dev.openprofile.ratelimit;

import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.OperationCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which buckets of an account one request draws from (docs/compatibility.md, rate limits): its operation's
 * own, keyed by operation id, and one per rate-limited query-parameter value it carries. Those are global
 * (semantics §3): {@code additional-fields[profile]=predictive_analytics} is one bucket whether the request
 * reads /api/profiles or a segment's profiles. An {@code include} bucket is global within the collection of
 * the operation that names it: include=lists on a profile is not include=lists on an import job.
 */
final class BucketPlan {
    /** A bucket's key within its account, and its numbers. */
    record Draw(String key, Limits limits) {}

    private record Global(Limits limits, Set<String> collections) {}

    private final Map<String, Global> queryBuckets;
    private final int multiple;

    BucketPlan(OperationCatalog catalog, int multiple) {
        this.multiple = multiple;
        Map<String, Global> buckets = new HashMap<>();
        for (Operation op : catalog.all()) {
            for (Operation.QueryBucket b : op.rateLimit().queryBuckets()) {
                Limits limits = new Limits(b.burstPerSecond(), b.steadyPerMinute(), null).times(multiple);
                Global known = buckets.get(queryKey(b.parameter(), b.value()));
                Set<String> collections = new HashSet<>(known == null ? Set.of() : known.collections());
                if (b.parameter().equals("include")) collections.add(collection(op.path()));
                // Where two operations state one bucket's numbers differently, the stricter wins.
                Limits merged = known == null ? limits : new Limits(Math.min(known.limits().burst(), limits.burst()),
                        Math.min(known.limits().steady(), limits.steady()), null);
                buckets.put(queryKey(b.parameter(), b.value()), new Global(merged, Set.copyOf(collections)));
            }
        }
        this.queryBuckets = Map.copyOf(buckets);
    }

    List<Draw> draws(Operation op, List<Map.Entry<String, String>> query) {
        Operation.RateLimit rl = op.rateLimit();
        List<Draw> draws = new ArrayList<>(2);
        draws.add(new Draw(op.id(), new Limits(rl.burstPerSecond(), rl.steadyPerMinute(),
                rl.daily() == null ? null : rl.daily().longValue()).times(multiple)));
        for (Map.Entry<String, String> p : query) {
            String name = p.getKey();
            if (!name.equals("include") && !name.startsWith("additional-fields[")) continue;
            for (String value : p.getValue().split(",")) {
                String key = queryKey(name, value.strip());
                Global bucket = queryBuckets.get(key);
                if (bucket == null || draws.stream().anyMatch(d -> d.key().equals(key))) continue;
                if (!bucket.collections().isEmpty() && !bucket.collections().contains(collection(op.path()))) continue;
                draws.add(new Draw(key, bucket.limits()));
            }
        }
        return draws;
    }

    private static String queryKey(String parameter, String value) {
        return parameter + "=" + value;
    }

    /** "/api/profiles/{id}/relationships/lists" → "/api/profiles". */
    private static String collection(String path) {
        int second = path.indexOf('/', 1);
        int third = second < 0 ? -1 : path.indexOf('/', second + 1);
        return third < 0 ? path : path.substring(0, third);
    }
}
