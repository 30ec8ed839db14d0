package dev.openprofile.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.TestDatabase;
import dev.openprofile.testing.TestServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the official-SDK compatibility suite ({@code compat/}, Klaviyo's Node SDK {@code klaviyo-api} pinned)
 * against a real server, so SDK regressions fail the Maven build. Skipped, loudly, when Node.js is missing.
 */
class CompatSuiteTest {
    private static final int MIN_NODE_MAJOR = 18;
    private static final long INSTALL_TIMEOUT_MINUTES = 5;
    private static final long SUITE_TIMEOUT_MINUTES = 5;
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase().startsWith("windows");

    @Test
    void officialNodeSdkRunsAgainstTheServer() throws Exception {
        Path compat = compatDir();
        Optional<Path> node = onPath(WINDOWS ? "node.exe" : "node");
        Optional<int[]> version = node.flatMap(CompatSuiteTest::nodeVersion);
        if (version.isEmpty() || version.get()[0] < MIN_NODE_MAJOR) {
            String why = node.isEmpty() ? "Node.js not found on PATH" : "Node.js >= " + MIN_NODE_MAJOR + " required, found " + node.get();
            System.err.println("*** COMPAT SUITE SKIPPED: " + why + " (install Node.js to run compat/ against the server) ***");
            Assumptions.assumeTrue(false, "COMPAT SUITE SKIPPED: " + why);
        }

        if (!Files.isRegularFile(compat.resolve("node_modules/klaviyo-api/package.json"))) {
            Path npm = onPath(WINDOWS ? "npm.cmd" : "npm")
                    .orElseThrow(() -> new AssertionError("compat/node_modules is missing and npm is not on PATH"));
            Run install = run(List.of(npm.toString(), "ci"), compat, Map.of(), INSTALL_TIMEOUT_MINUTES);
            assertThat(install.exitCode()).as("npm ci in %s failed:%n%s", compat, install.tail()).isZero();
        }

        List<String> command = new ArrayList<>(List.of(node.get().toString(), "--test"));
        if (supportsReporterFlag(version.get())) {
            command.add("--test-reporter=spec"); // readable in the test log; the default off a TTY is TAP
        }
        if (supportsConcurrencyFlag(version.get())) {
            // Files in parallel: the default is one less than the cores (1 on CI's 2), yet each file mostly waits on
            // the server's answers; every file keeps to its own profiles, lists and accounts (README), so they can.
            command.add("--test-concurrency=" + CONCURRENT_FILES);
        }
        // -Dcompat.tests=test/a.test.js,test/b.test.js runs only those files (while working on one tag); default: all.
        String only = System.getProperty("compat.tests", "");
        if (!only.isBlank()) command.addAll(List.of(only.split(",")));
        // A second server with Klaviyo's rate limits (the first runs with them off: the suite's loops exceed them),
        // for test/rate-limits.test.js; same key, its own database.
        try (TestServer server = TestServer.start(); TestServer limited = TestServer.start(TestDatabase.freshDatabase(),
                Map.of(RateLimitSettings.RATE_LIMITS, "klaviyo"), Clock.systemUTC())) {
            Run suite = run(command, compat,
                    Map.of("OPENPROFILE_URL", server.baseUrl(), "OPENPROFILE_API_KEY", TestServer.API_KEY,
                            "OPENPROFILE_LIST_SCOPE_API_KEY", listScopedAccountKey(server),
                            "OPENPROFILE_COMPANY_ID", server.publicKey("default"), "OPENPROFILE_ADMIN_KEY", TestServer.ADMIN_KEY,
                            // An account of its own, so that test/faults.test.js's faults strike no other file's requests.
                            "OPENPROFILE_FAULTS_API_KEY", server.createKey("compat-faults", Set.of("*")),
                            "OPENPROFILE_RATE_LIMITED_URL", limited.baseUrl()),
                    SUITE_TIMEOUT_MINUTES);
            assertThat(suite.exitCode()).as("compat suite failed (full output above):%n%s", suite.tail()).isZero();
        }
    }

    /** A key of a second account whose unsubscribe scope is {@code list}, for the suite's list-only unsubscribe tests. */
    private static String listScopedAccountKey(TestServer server) throws IOException, InterruptedException {
        String key = server.createKey("compat-list-scope", Set.of("*"));
        var set = AdminApi.send(server, "PATCH", "/admin/accounts/compat-list-scope", "{\"unsubscribe_scope\":\"list\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        return key;
    }

    /** {@code compat/} of the repository: Maven runs tests from {@code server/}, IDEs often from the root. */
    private static Path compatDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("compat/package.json"))) {
                return dir.resolve("compat");
            }
        }
        throw new AssertionError("no compat/package.json above " + Path.of("").toAbsolutePath());
    }

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {major, minor} from {@code node --version} ("v20.20.2"). */
    private static Optional<int[]> nodeVersion(Path node) {
        try {
            Run r = run(List.of(node.toString(), "--version"), Path.of("").toAbsolutePath(), Map.of(), 1);
            Matcher m = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(r.tail());
            return r.exitCode() == 0 && m.find()
                    ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))})
                    : Optional.empty();
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    /** {@code --test-reporter} arrived in Node 18.15 / 19.6. */
    private static final int CONCURRENT_FILES = 4;

    /** {@code --test-concurrency} came with Node 20.10 (and 21). */
    private static boolean supportsConcurrencyFlag(int[] v) {
        return v[0] > 20 || (v[0] == 20 && v[1] >= 10);
    }

    private static boolean supportsReporterFlag(int[] v) {
        return v[0] > 19 || (v[0] == 19 && v[1] >= 6) || (v[0] == 18 && v[1] >= 15);
    }

    private record Run(int exitCode, String tail) {}

    /**
     * Runs a command, copying its merged output line by line to System.out (which Surefire captures into the
     * test report; inheriting the raw file descriptors would corrupt Surefire's channel to the forked JVM).
     */
    private static Run run(List<String> command, Path dir, Map<String, String> env, long timeoutMinutes)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        System.out.println("[compat] $ " + String.join(" ", command) + "   (in " + dir + ")");
        Process process = pb.start();
        process.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[compat] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 40) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process was killed; what was read is already printed
            }
        });
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(10));
            throw new AssertionError(String.join(" ", command) + " timed out after " + timeoutMinutes + " minutes");
        }
        pump.join(TimeUnit.SECONDS.toMillis(30));
        synchronized (tail) {
            return new Run(process.exitValue(), String.join(System.lineSeparator(), tail));
        }
    }
}
