package dev.openprofile.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Where the buckets live: this node's memory, or a backend every node of one database shares. */
interface BucketStore extends AutoCloseable {
    /** The bucket under {@code key}, created with {@code configuration} when new. */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

    /** Drops the bucket under {@code key}: the next draw creates it anew. */
    void forget(String key);

    @Override
    default void close() {}

    /** One node: buckets in memory (one per account and bucket key: a few hundred per account at most). */
    static BucketStore memory(ClockTimeMeter time) {
        Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        return new BucketStore() {
            @Override
            public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
                return buckets.computeIfAbsent(key, k -> {
                    var builder = Bucket.builder().withCustomTimePrecision(time);
                    for (var window : configuration.get().getBandwidths()) builder.addLimit(window);
                    return builder.build();
                });
            }

            @Override
            public void forget(String key) {
                buckets.remove(key);
            }
        };
    }

    /** Several nodes: Bucket4j's PostgreSQL or Redis backend; every draw is one atomic round trip to it. */
    static BucketStore shared(ProxyManager<String> proxies, AutoCloseable resource) {
        return new BucketStore() {
            @Override
            public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
                return proxies.getProxy(key, configuration);
            }

            @Override
            public void forget(String key) {
                proxies.removeProxy(key);
            }

            @Override
            public void close() {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
