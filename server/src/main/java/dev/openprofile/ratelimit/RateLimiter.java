package dev.openprofile.ratelimit;

import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.OperationCatalog;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Klaviyo's rate limits (semantics §3): per account, fixed windows of a second, a minute and (some operations)
 * a day, each operation's numbers from the spec. A request draws one token from every bucket it reaches
 * ({@link BucketPlan}) and is throttled when any of them is empty.
 */
public final class RateLimiter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    /** What the caller is told: the steady window's state, or how long to wait. */
    public sealed interface Decision {}

    /** @param limit the steady window's size, @param remaining what is left in it, @param resetSeconds until it ends */
    public record Admitted(long limit, long remaining, long resetSeconds) implements Decision {}

    /** @param retryAfterSeconds whole seconds until every exhausted bucket has a token again */
    public record Throttled(long retryAfterSeconds) implements Decision {}

    /** Rate limiting off: every request admitted, and no RateLimit-* headers (there is no window to describe). */
    public static final RateLimiter OFF = new RateLimiter(null, null, null);

    private final BucketPlan plan;
    private final BucketStore store;
    private final Clock clock;
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>();

    private RateLimiter(BucketPlan plan, BucketStore store, Clock clock) {
        this.plan = plan;
        this.store = store;
        this.clock = clock;
    }

    /** The limiter the settings ask for; the database is the server's own, for the PostgreSQL backend. */
    public static RateLimiter start(RateLimitSettings settings, OperationCatalog catalog, Clock clock, DataSource database) {
        if (settings.off()) return OFF;
        ClockTimeMeter time = new ClockTimeMeter(clock);
        BucketStore store = switch (settings.backend()) {
            case MEMORY -> BucketStore.memory(time);
            case POSTGRESQL -> SharedBuckets.postgresql(database, time);
            case REDIS -> SharedBuckets.redis(settings.redisUrl().orElseThrow(), time);
        };
        return of(catalog, settings.multiple(), store, clock);
    }

    /** @param multiple 1 for Klaviyo's numbers, N for N times them */
    static RateLimiter of(OperationCatalog catalog, int multiple, BucketStore store, Clock clock) {
        return new RateLimiter(new BucketPlan(catalog, multiple), store, clock);
    }

    /** @return null when rate limiting is off */
    public Decision draw(String accountId, Operation op, List<Map.Entry<String, String>> query) {
        if (plan == null) return null;
        Instant now = clock.instant();
        Admitted admitted = null;
        long retryAfter = 0;
        List<BucketPlan.Draw> draws = plan.draws(op, query);
        for (BucketPlan.Draw draw : draws) {
            VerboseResult<ConsumptionProbe> result;
            // The account leads the key, as account_id leads every key of ours (DESIGN, data rules).
            String key = accountId + "|" + draw.key();
            try {
                result = take(key, draw.limits(), now);
                if (!result.getValue().isConsumed()
                        && result.getValue().getNanosToWaitForRefill() > draw.limits().longestWindow().toNanos()) {
                    // A wait longer than any window: the clock was set back (the operator clock) behind the bucket's
                    // last refill, which would freeze it until the clock caught up. Windows start afresh instead.
                    store.forget(key);
                    result = take(key, draw.limits(), now);
                }
            } catch (RuntimeException unreachable) {
                // A shared backend that cannot be reached must not take the API down with it: the request goes
                // through uncounted, without headers (a database outage answers 503 from the handler anyway).
                warnUnreachable(now, unreachable);
                return null;
            }
            ConsumptionProbe probe = result.getValue();
            if (!probe.isConsumed()) {
                retryAfter = Math.max(retryAfter, Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
            } else if (draw == draws.getFirst()) {
                // The operation's own bucket: the headers describe its steady window.
                admitted = new Admitted(draw.limits().steady(),
                        result.getDiagnostics().getAvailableTokensPerEachBandwidth()[Limits.STEADY],
                        Limits.secondsToBoundary(now, Limits.MINUTE));
            }
        }
        return retryAfter > 0 ? new Throttled(retryAfter) : admitted;
    }

    private VerboseResult<ConsumptionProbe> take(String key, Limits limits, Instant now) {
        return store.bucket(key, () -> limits.configuration(now)).asVerbose().tryConsumeAndReturnRemaining(1);
    }

    private void warnUnreachable(Instant now, RuntimeException e) {
        Instant last = lastWarning.get();
        if ((last == null || now.isAfter(last.plusSeconds(60))) && lastWarning.compareAndSet(last, now)) {
            log.warn("rate-limit buckets unreachable: requests go through uncounted ({})", e.toString());
        }
    }

    @Override
    public void close() {
        if (store != null) store.close();
    }
}
