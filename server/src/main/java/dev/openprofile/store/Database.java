package dev.openprofile.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL the server runs on: an external one when a JDBC URL is given, otherwise an embedded
 * one whose data lives in the data directory and survives restarts. Every table lives in one schema of
 * ours (created if missing), so the database can be shared with other applications. Migrations run
 * before it is used.
 */
public final class Database implements AutoCloseable {
    /**
     * How long a request waits for a connection before it fails with a 503: long enough for a busy pool,
     * short enough that a lost database never makes a client hang.
     */
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(3);
    private static final int HEALTH_QUERY_SECONDS = 2;

    private final EmbeddedCluster embedded;
    private final HikariDataSource pool;
    private volatile PostgresSupervisor supervisor;

    private Database(EmbeddedCluster embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database start(Optional<String> jdbcUrl, Path dataDir, String schema, int poolSize) {
        EmbeddedCluster embedded = jdbcUrl.isPresent() ? null : EmbeddedCluster.open(dataDir.resolve("postgres"));
        String url = embedded == null ? jdbcUrl.get() : embedded.jdbcUrl();
        try {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(poolSize);
            config.setPoolName("openprofile");
            config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
            config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
            // pgjdbc runs SET search_path on each new connection: unqualified names are ours only.
            config.setSchema(schema);
            config.addDataSourceProperty("connectTimeout", "3");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            // A JDBC batch of inserts goes as multi-row inserts, not one statement per row: a campaign send's chunk of
            // 500 events and outbox rows waited mostly on those (docs/benchmarks.md, "Campaign send"). Batch update
            // counts of inserts then read SUCCESS_NO_INFO; nothing reads them (ProfileStore reads its updates' counts).
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            if (embedded != null) config.setUsername("postgres");
            HikariDataSource pool = new HikariDataSource(config);
            try {
                try (Connection c = pool.getConnection()) {
                    LegacySchema.adopt(c, schema);
                }
                Flyway.configure().dataSource(pool).schemas(schema).defaultSchema(schema).createSchemas(true)
                        .locations("classpath:db/migration").load().migrate();
            } catch (SQLException | RuntimeException e) {
                pool.close();
                throw e instanceof SQLException sql ? new Jdbc.StoreException(sql) : (RuntimeException) e;
            }
            return new Database(embedded, pool);
        } catch (RuntimeException e) {
            if (embedded != null) embedded.close();
            throw e;
        }
    }

    /**
     * Watches the embedded PostgreSQL and starts it again when it dies (a server process does this; a
     * CLI command that borrows the database for a moment does not). Nothing to do for an external one,
     * whose restarts the pool survives by reconnecting.
     */
    public void superviseEmbedded() {
        if (embedded != null && supervisor == null) supervisor = PostgresSupervisor.start(embedded);
    }

    /** A cheap query with a short timeout: false when the database cannot answer now. */
    public boolean available() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(HEALTH_QUERY_SECONDS);
            s.execute("select 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Reports the connection pool's use (HikariCP's own Micrometer meters, hikaricp_*) to the registry. */
    public void instrument(io.micrometer.core.instrument.MeterRegistry registry) {
        pool.setMetricRegistry(registry);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        if (supervisor != null) supervisor.close();
        pool.close();
        if (embedded != null) embedded.close();
    }
}
