package dev.openprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A clean terminal: the launcher's commands, run as a person runs them, print only their own output.
 * On JDK 24+ the JVM warns when a library loads native code without native access (JLine, behind the
 * import progress bar) and when Maven's Guice calls {@code sun.misc.Unsafe}; a newcomer reads those as
 * faults. A failsafe test: it runs after {@code package}, because the launcher runs the shaded jar.
 */
class CleanTerminalIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent(); // failsafe runs in server/
    static final String KEY = "pk_CleanTerminal0123456789abcdefghijk";
    static final String ADMIN_KEY = "admin-key-clean-terminal-0123";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    record Run(int exit, String out, String err) {}

    Path dir;

    @BeforeEach
    void dir() throws IOException {
        dir = Files.createTempDirectory("openprofile-clean-terminal");
    }

    @AfterEach
    void cleanup() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void serveImportKeysAndConsentPrintNoJvmWarning() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://localhost:" + port;
        Path data = Files.createDirectory(dir.resolve("data"));
        Process serve = start(ROOT, Map.of("OPENPROFILE_PORT", String.valueOf(port), "OPENPROFILE_DATA_DIR", data.toString(),
                "OPENPROFILE_API_KEY", KEY, "OPENPROFILE_ADMIN_KEY", ADMIN_KEY), "serve");
        try {
            awaitHealthy(url, serve);
            Path csv = dir.resolve("profiles.csv");
            Files.writeString(csv, "email,first_name\nada@clean.example.com,Ada\nalan@clean.example.com,Alan\n");

            Run imported = launch(ROOT, Map.of(), "import", csv.toString(), "--url", url, "--key", KEY);
            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("imported 2 of 2 profiles");
            assertClean("import", imported.err());

            Run keys = launch(ROOT, Map.of("OPENPROFILE_DATA_DIR", data.toString()), "keys", "list");
            assertThat(keys.exit()).as(keys.err()).isZero();
            assertThat(keys.out()).contains("default");
            assertClean("keys list", keys.err());

            Run consent = launch(ROOT, Map.of(), "consent", "suppress", "--email", "ada@clean.example.com",
                    "--reason", "HARD_BOUNCE", "--admin-key", ADMIN_KEY, "--url", url);
            assertThat(consent.exit()).as(consent.err()).isZero();
            assertClean("consent suppress", consent.err());
        } finally {
            serve.destroy(); // SIGTERM: the launcher exec'd java
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertClean("serve", Files.readString(dir.resolve("serve.err")));
    }

    /** The launcher's build, in a copy of the project whose one source does not compile. */
    @Test
    void theBuildPrintsNoJvmWarningButStillItsCompileError() throws Exception {
        Path copy = Files.createDirectory(dir.resolve("project"));
        for (String file : List.of("openprofile", "mvnw", "pom.xml", "server/pom.xml")) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.copy(ROOT.resolve(file), copy.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (Stream<Path> files = Files.walk(ROOT.resolve(".mvn"))) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(ROOT.relativize(f)), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path broken = copy.resolve("server/src/main/java/dev/openprofile/Broken.java");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "package dev.openprofile;\nclass Broken {\n    int answer() { return \"forty-two\"; }\n}\n");

        Run build = launch(copy, Map.of(), "build");

        assertThat(build.exit()).isNotZero();
        assertThat(build.err()).contains("openprofile: building the server jar...")
                .contains("Compilation failure").contains("Broken.java:[3,");
        assertThat(jvmWarnings(build.err())).as("JVM warnings of the build's Maven, in:%n%s", build.err()).isEmpty();
    }

    /** The JVM's warnings ("WARNING: ..."); Maven's own are "[WARNING] ...", and -q shows none. */
    static List<String> jvmWarnings(String stderr) {
        return stderr.lines().filter(l -> l.contains("WARNING:")).toList();
    }

    /** No JVM warning, and no build: the launcher ran the jar this Maven run packaged. */
    static void assertClean(String command, String stderr) {
        assertThat(jvmWarnings(stderr)).as("JVM warnings of `openprofile %s`, in:%n%s", command, stderr).isEmpty();
        assertThat(stderr).as(command).doesNotContain("building the server jar");
    }

    Process start(Path root, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("openprofile").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(dir.resolve(args[0] + ".out").toFile())
                .redirectError(dir.resolve(args[0] + ".err").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK this test runs on
        pb.environment().remove("OPENPROFILE_DATABASE_URL");
        pb.environment().putAll(env);
        return pb.start();
    }

    Run launch(Path root, Map<String, String> env, String... args) throws Exception {
        Process p = start(root, env, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("openprofile " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve(args[0] + ".out")), Files.readString(dir.resolve(args[0] + ".err")));
    }

    void awaitHealthy(String url, Process serve) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(serve.isAlive()).as("serve exited: %s", Files.readString(dir.resolve("serve.err"))).isTrue();
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling a condition: the process gives no other signal
        }
        throw new AssertionError("serve did not become healthy: " + Files.readString(dir.resolve("serve.err")));
    }
}
