package dev.openprofile.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.RawHttp;
import dev.openprofile.testing.SpecValidator;
import dev.openprofile.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests over raw sockets (the JDK client refuses to send most of them):
 * every answer must be read whole, none may be a 5xx, every error must be a Klaviyo error document
 * (a 2xx is fine for a GET), and the stored data must not change. Each request is drawn from the
 * run's seed and its index, so {@code -Dfuzz.seed=S -Dfuzz.from=I -Dfuzz.count=1} replays request I.
 */
class MalformedRequestFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int FROM = Integer.getInteger("fuzz.from", 0);
    private static final int COUNT = Integer.getInteger("fuzz.count", 4000);
    private static final int CLIENTS = 4;
    private static final int MAX_FAILURES = Integer.getInteger("fuzz.maxFailures", 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestServer server;
    /** The sweep's placeholders ({id}, {list}, ...) → stored resources. */
    static final Map<String, String> STORED = new TreeMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        var api = server.api();
        String profile = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"fuzz-seed@example.com\"}}}").data().get("id").asText();
        String list = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Fuzz\"}}}")
                .data().get("id").asText();
        api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + profile + "\"}]}");
        api.post("create_event", "/api/events", OperationSweepTest.EVENT);
        JsonNode event = api.get("get_events", "/api/events").data().get(0);
        String metric = event.at("/relationships/metric/data/id").asText();
        STORED.putAll(Map.of("{id}", profile, "{list}", list, "{other}", list, "{doomed}", list, "{event}", event.get("id").asText(),
                "{metric}", metric, "{property}", api.get("get_properties_for_metric", "/api/metrics/" + metric + "/metric-properties")
                        .data().get(0).get("id").asText()));
        STORED.put("{company}", server.publicKey("default"));
        // No jobs are stored: a job id the account does not have reaches the same validation.
        for (String job : List.of("{job}", "{sjob}", "{ujob}")) STORED.put(job, "01ARZ3NDEKTSV4RRFFQ69G5FAV");
    }

    static String fill(String s) {
        for (var e : STORED.entrySet()) s = s.replace(e.getKey(), e.getValue());
        return s;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyMalformedRequestGetsAWholeKlaviyoErrorAndChangesNothing() throws Exception {
        OperationCatalog catalog = OperationCatalog.load();
        List<MalformedRequests.Sample> implemented = new ArrayList<>();
        OperationSweepTest.REQUESTS.forEach((id, r) ->
                implemented.add(new MalformedRequests.Sample(catalog.get(id), fill(r[1]), r[2] == null ? null : fill(r[2]))));
        List<MalformedRequests.Sample> others = new ArrayList<>();
        for (String id : SpecValidator.load().operationIds()) {
            if (OperationSweepTest.REQUESTS.containsKey(id)) continue;
            Operation op = catalog.get(id);
            String body = "{\"data\":{\"type\":\"" + op.tag().toLowerCase(Locale.ROOT) + "\",\"attributes\":{\"name\":\"Fuzz\"}}}";
            others.add(new MalformedRequests.Sample(op, op.path().replaceAll("\\{[^}]*}", "01ARZ3NDEKTSV4RRFFQ69G5FAV"), body));
        }
        MalformedRequests requests = new MalformedRequests(implemented, others, TestServer.API_KEY, server.port());

        Map<String, String> before = DatabaseChecksum.of(server.jdbc());
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger(FROM);
        long started = System.nanoTime();
        // A few clients at once, as a server meets them; each request depends only on the seed and its index.
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < FROM + COUNT && failures.size() < MAX_FAILURES; i = next.getAndIncrement()) {
                        try {
                            String failure = exchange(requests, i, statuses);
                            if (failure != null) failures.add(failure);
                        } catch (RuntimeException | AssertionError e) {
                            failures.add("#" + i + " could not be made or judged: " + e);
                        }
                    }
                });
            }
        }
        System.out.printf("fuzz seed %d: %d requests in %d ms, statuses %s%n", SEED, COUNT,
                (System.nanoTime() - started) / 1_000_000, statuses);
        Map<String, String> after = DatabaseChecksum.of(server.jdbc());
        before.forEach((table, sum) -> {
            if (!sum.equals(after.get(table))) failures.add("table " + table + " changed: " + sum + " -> " + after.get(table));
        });
        assertThat(failures).as("seed %d (replay: -Dfuzz.seed=%d -Dfuzz.from=N -Dfuzz.count=1)", SEED, SEED).isEmpty();
    }

    /** Sends request {@code i}; returns what went wrong, or null. */
    private static String exchange(MalformedRequests requests, int i, Map<Integer, Integer> statuses) {
        MalformedRequests.Request request = requests.next(new Random(SEED * 1_000_003 + i));
        String problem;
        try {
            RawHttp.Response response = RawHttp.exchange(server.port(), request.bytes(), request.head(), 10_000);
            statuses.merge(response.status(), 1, Integer::sum);
            problem = problem(request, response);
            if (problem != null) problem += " | answer: " + excerpt(response.statusLine() + " " + response.text());
        } catch (RawHttp.Broken e) {
            problem = "no whole answer: " + e.getMessage();
        }
        return problem == null ? null : "#" + i + " [" + request.summary() + "] " + problem + "\n    request: "
                + excerpt(new String(request.bytes(), StandardCharsets.ISO_8859_1));
    }

    /** What is wrong with an answer, or null. */
    private static String problem(MalformedRequests.Request request, RawHttp.Response response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            // An OPTIONS on a /client path is a browser's CORS preflight: answered, and it changes nothing.
            boolean preflight = new String(request.bytes(), StandardCharsets.ISO_8859_1).startsWith("OPTIONS /client/");
            return request.method().equals("GET") || request.method().equals("HEAD") || preflight ? null
                    : "a malformed request was accepted";
        }
        if (status < 400 || status >= 500) return "answered " + status;
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/vnd.api+json")) return "error with content type " + type;
        if (request.head()) return null;
        try {
            JsonNode doc = JSON.readTree(response.body());
            SpecValidator.load().assertValid("get_profiles", status, doc);
            for (JsonNode error : doc.path("errors")) {
                if (!error.path("id").asText().matches("[0-9a-f-]{36}") || error.path("status").asInt() != status
                        || error.path("code").asText().isBlank() || error.path("title").asText().isBlank()
                        || error.path("detail").asText().isBlank()) {
                    return "error without id, status, code, title or detail";
                }
            }
            return doc.path("errors").isEmpty() ? "no errors[]" : null;
        } catch (Exception | AssertionError e) {
            return "not a Klaviyo error document: " + e.getMessage();
        }
    }

    private static String excerpt(String s) {
        String flat = s.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "...(" + flat.length() + " chars)";
    }
}
