package dev.openprofile.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.openprofile.App;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.auth.ApiKeys;
import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.config.Settings;
import dev.openprofile.store.Jdbc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A real server on a random port, booted through {@link App#start} exactly as {@code serve} does, on a
 * fresh database of the shared test PostgreSQL. One per test class.
 */
public final class TestServer implements AutoCloseable {
    public static final String API_KEY = "pk_" + "T".repeat(10) + "0123456789abcdefghijklmn";
    /** The operator key of the /admin endpoints. */
    public static final String ADMIN_KEY = "admin-key-for-tests-0123456789";

    private final App app;
    private final String jdbcUrl;
    private final HikariDataSource admin;
    private final Clock clock;

    private TestServer(App app, String jdbcUrl, Clock clock) {
        this.app = app;
        this.jdbcUrl = jdbcUrl;
        this.clock = clock;
        this.admin = new HikariDataSource();
        admin.setJdbcUrl(jdbcUrl);
        admin.setMaximumPoolSize(2);
        admin.setSchema(app.settings().databaseSchema()); // the tests' SQL names the server's tables unqualified
    }

    public static TestServer start() {
        return start(Clock.systemUTC());
    }

    public static TestServer start(Clock clock) {
        return start(TestDatabase.freshDatabase(), Map.of(), clock);
    }

    /** A server on the given database, with extra settings (OPENPROFILE_* variables) over the test defaults. */
    public static TestServer start(String url, Map<String, String> settings, Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory("openprofile-test");
            Map<String, String> env = new HashMap<>();
            env.put(Settings.PORT, "0");
            env.put(Settings.DATA_DIR, dataDir.toString());
            env.put(Settings.DATABASE_URL, url);
            env.put(Settings.API_KEY, API_KEY);
            env.put(Settings.ADMIN_KEY, ADMIN_KEY);
            // The suite sends far more than Klaviyo allows (bulk loops); a test that wants limits asks for them.
            env.put(RateLimitSettings.RATE_LIMITS, "off");
            env.putAll(settings);
            App app = App.start(Settings.resolve(env, Map.of()), clock, new PrintStream(new ByteArrayOutputStream()));
            return new TestServer(app, url, clock);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clock the server was started with, when a test started it with a {@link MutableClock}. */
    public MutableClock clock() {
        if (!(clock instanceof MutableClock m)) throw new IllegalStateException("start the server with a MutableClock");
        return m;
    }

    /** The declarations the server's resource kit serves. */
    public java.util.List<dev.openprofile.resource.ResourceKind> resourceKinds() {
        return app.resourceKinds();
    }

    /** The web console's routes, "METHOD path ACCESS" each. */
    public java.util.List<String> consoleRoutes() {
        return app.consoleRoutes();
    }

    public String baseUrl() {
        return app.settings().baseUrl();
    }

    public int port() {
        return app.port();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Api api() {
        return new Api(baseUrl(), API_KEY);
    }

    public Api api(String key) {
        return new Api(baseUrl(), key);
    }

    /** A caller of the /client endpoints: no private key (the public key goes in company_id). */
    public Api clientApi() {
        return new Api(baseUrl(), null);
    }

    /** The public key (company id) of the named account, created when new. */
    public String publicKey(String account) {
        return new AccountStore(new Jdbc(admin)).ensureAccount(account, Optional.empty(), UUID.randomUUID().toString())
                .publicKey();
    }

    /** A new key in the named account (created when new), with the given scopes ("*" for all). */
    public String createKey(String account, Set<String> scopes) {
        return keyFor(new AccountStore(new Jdbc(admin)).ensureAccount(account, Optional.empty(), UUID.randomUUID().toString())
                .accountId(), scopes);
    }

    private String keyFor(String accountId, Set<String> scopes) {
        String key = ApiKeys.newPrivateKey();
        new AccountStore(new Jdbc(admin)).insertKey(accountId, UUID.randomUUID().toString(), ApiKeys.hash(key), "test", scopes);
        return key;
    }

    /** An account of its own for one test (named {@code prefix} and a random suffix), and a caller with every scope. */
    public record Account(String name, String id, Api api) {}

    /** A new account, so that no other test's data meets this one's: its name, its id and an all-scopes caller. */
    public Account newAccount(String prefix) {
        String name = prefix + UUID.randomUUID();
        var acct = new AccountStore(new Jdbc(admin)).ensureAccount(name, Optional.empty(), UUID.randomUUID().toString());
        return new Account(name, acct.accountId(), api(keyFor(acct.accountId(), Set.of("*"))));
    }

    /** The single integer an SQL query returns (a count), read from the server's database. */
    public int queryInt(String sql) {
        return jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Waits until every job that may run has finished (the job workers run them in the background): a job scheduled
     * for later than the server's clock (a campaign's send) is not waited for.
     */
    public void awaitJobs() {
        java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofSeconds(30));
        while (java.time.Instant.now().isBefore(deadline)) {
            if (queryInt("select count(*) from job where status in ('queued', 'processing') and (not_before is null or not_before <= '"
                    + clock.instant() + "'::timestamptz)") == 0) return;
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("jobs did not complete");
    }

    public Jdbc jdbc() {
        return new Jdbc(admin);
    }

    @Override
    public void close() {
        admin.close();
        app.close();
    }
}
