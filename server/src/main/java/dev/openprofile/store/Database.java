package dev.openprofile.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the server runs on: an external one when a JDBC URL is given, otherwise an embedded
 * one whose data lives in the data directory and survives restarts. Migrations run before it is used.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database start(Optional<String> jdbcUrl, Path dataDir, int poolSize) {
        EmbeddedPostgres embedded = null;
        String url;
        if (jdbcUrl.isPresent()) {
            url = jdbcUrl.get();
        } else {
            Path pgData = dataDir.resolve("postgres");
            Optional<Integer> running = runningPort(pgData);
            if (running.isPresent()) {
                // Another process (a running server, or one killed with SIGKILL) owns this data directory's
                // PostgreSQL: use it rather than fail. It stays with its owner.
                log.info("using the PostgreSQL already running on {} (port {})", pgData, running.get());
                url = "jdbc:postgresql://localhost:" + running.get() + "/postgres?user=postgres";
            } else {
                embedded = startEmbedded(pgData);
                url = embedded.getJdbcUrl("postgres", "postgres");
            }
        }
        try {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(poolSize);
            config.setPoolName("openprofile");
            if (embedded != null) config.setUsername("postgres");
            HikariDataSource pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new Database(embedded, pool);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw e;
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dir) {
        try {
            Files.createDirectories(dir);
            log.info("starting embedded PostgreSQL in {}", dir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    // zonky is built for tests and turns durability off (-F, synchronous_commit=off); a
                    // server's committed data and accepted jobs must survive a crash, so turn it back on.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    /** postmaster.pid: line 1 the pid, line 4 the port. A live pid means the server is up. */
    private static Optional<Integer> runningPort(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) return Optional.empty();
            var lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) return Optional.empty();
            long pid = Long.parseLong(lines.get(0).strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Integer.parseInt(lines.get(3).strip()));
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) return;
        try {
            pg.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
