package dev.openprofile.ratelimit;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import redis.clients.jedis.JedisPool;

/** Bucket4j's shared backends: every node of one database draws from the same buckets. */
final class SharedBuckets {
    /** The table of migration V20 (unqualified: the pool's search_path names the server's schema). */
    static final String TABLE = "rate_limit_bucket";

    private SharedBuckets() {}

    /** Row locks (select … for update) on one row per bucket, in the server's own database. */
    static BucketStore postgresql(DataSource dataSource, ClockTimeMeter time) {
        var proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state")
                .clientClock(time)
                .build();
        return BucketStore.shared(proxies, () -> {});
    }

    /** Compare-and-swap on one Redis key per bucket. */
    static BucketStore redis(String url, ClockTimeMeter time) {
        JedisPool pool = new JedisPool(URI.create(url));
        var proxies = Bucket4jJedis.casBasedBuilder(pool)
                // A key outlives its longest window only briefly: Redis forgets idle accounts' buckets itself.
                .expirationAfterWrite(io.github.bucket4j.distributed.ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(java.time.Duration.ofSeconds(10)))
                .clientClock(time)
                .build()
                .withMapper((String key) -> ("openprofile:rate-limit:" + key).getBytes(StandardCharsets.UTF_8));
        return BucketStore.shared(proxies, pool);
    }
}
