package dev.openprofile.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, read off the import lines: the protocol layer knows no feature, and a
 * feature never reaches into another feature's package (it goes through the owner's public service).
 */
class PackageDependencyTest {
    static final Path SOURCES = Path.of("src/main/java/dev/openprofile");
    static final Set<String> INFRASTRUCTURE = Set.of("jsonapi", "http", "store", "config", "auth", "cli", "jobs",
            "telemetry", "operator", "ratelimit", "resource");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.openprofile\\.([a-z]+)\\.(\\w+)", Pattern.MULTILINE);

    record Dependency(String from, Path file, String to, String className) {}

    static List<Dependency> dependencies() throws IOException {
        List<Dependency> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = SOURCES.relativize(f);
                if (rel.getNameCount() < 2) continue; // App.java: the composition root may see everything
                String from = rel.getName(0).toString();
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) if (!m.group(1).equals(from)) out.add(new Dependency(from, rel, m.group(1), m.group(2)));
            }
        }
        return out;
    }

    @Test
    void jsonapiImportsNothingOfOurs() throws IOException {
        assertThat(dependencies()).filteredOn(d -> d.from().equals("jsonapi")).isEmpty();
    }

    @Test
    void infrastructureImportsNoFeature() throws IOException {
        assertThat(dependencies())
                .filteredOn(d -> INFRASTRUCTURE.contains(d.from()) && !d.from().equals("cli"))
                .filteredOn(d -> !INFRASTRUCTURE.contains(d.to()))
                .isEmpty();
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesStore() throws IOException {
        // A feature reads another's data through its public service, never with its own SQL (DESIGN.md).
        assertThat(dependencies())
                .filteredOn(d -> !INFRASTRUCTURE.contains(d.from()) && !INFRASTRUCTURE.contains(d.to()))
                .filteredOn(d -> d.className().endsWith("Store"))
                .isEmpty();
    }

    @Test
    void featureDependenciesHaveNoCycle() throws IOException {
        Map<String, Set<String>> graph = new HashMap<>();
        for (Dependency d : dependencies()) {
            if (INFRASTRUCTURE.contains(d.from()) || INFRASTRUCTURE.contains(d.to())) continue;
            graph.computeIfAbsent(d.from(), k -> new HashSet<>()).add(d.to());
        }
        for (String start : graph.keySet()) {
            Deque<String> todo = new ArrayDeque<>(graph.get(start));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String next = todo.pop();
                assertThat(next).as("feature cycle through " + start).isNotEqualTo(start);
                if (seen.add(next)) todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
    }

    @Test
    void thereAreSourcesToCheck() throws IOException {
        assertThat(dependencies()).isNotEmpty();
    }
}
