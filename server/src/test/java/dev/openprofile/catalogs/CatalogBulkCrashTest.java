package dev.openprofile.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.ServerProcess;
import dev.openprofile.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Catalog bulk jobs survive a crash: 100 create jobs of 100 items each are accepted, the server is killed
 * (SIGKILL) while they are being processed, and after a restart every item exists exactly once and every job
 * reports complete with 100 completed and none failed (a chunk's items and its progress commit together).
 */
class CatalogBulkCrashTest {
    static final int JOBS = 100;
    static final int ITEMS = 100;

    static int count(String jdbcUrl, String sql) throws Exception {
        try (var c = DriverManager.getConnection(TestDatabase.inServerSchema(jdbcUrl)); var st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String job(int j) {
        return "{\"data\":{\"type\":\"catalog-item-bulk-create-job\",\"attributes\":{\"items\":{\"data\":["
                + IntStream.range(0, ITEMS).mapToObj(i -> "{\"type\":\"catalog-item\",\"attributes\":{\"external_id\":\"J" + j + "-I" + i
                        + "\",\"title\":\"Item " + i + " of job " + j + "\",\"description\":\"d\",\"url\":\"https://shop.test/" + j + "/" + i
                        + "\",\"price\":" + i + "}}").collect(Collectors.joining(",")) + "]}}}}";
    }

    @Test
    void catalogBulkJobsKilledMidwayWriteEveryItemOnceAfterRestart() throws Exception {
        String jdbcUrl = TestDatabase.freshDatabase();
        Path log = Files.createTempDirectory("openprofile-catalog-crash").resolve("server.log");
        // One job worker, so that processing cannot outrun the submissions on a busy machine and finish every job
        // before the kill (it did, with the 2 cores shared).
        ServerProcess first = ServerProcess.start(Map.of("OPENPROFILE_DATABASE_URL", jdbcUrl, "OPENPROFILE_JOB_WORKERS", "1"), log);
        // Submitted in parallel, so that the kill finds most jobs accepted and waiting or in flight.
        List<String> jobIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> accepted = new ArrayList<>();
            for (int j = 0; j < JOBS; j++) {
                String body = job(j);
                accepted.add(pool.submit(() -> {
                    var r = first.call("POST", "/api/catalog-item-bulk-create-jobs", body);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    return Json.MAPPER.readTree(r.body()).at("/data/id").asText();
                }));
            }
            for (Future<String> f : accepted) jobIds.add(f.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdown();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int before;
        do {
            before = count(jdbcUrl, "select count(*) from catalog_item");
        } while (before < ITEMS && Instant.now().isBefore(deadline));
        first.kill();
        assertThat(before).as("killed mid-way").isBetween(1, JOBS * ITEMS - 1);
        int unfinished = count(jdbcUrl, "select count(*) from job where status <> 'complete'");
        assertThat(unfinished).as("jobs left in flight or queued").isPositive();

        ServerProcess second = ServerProcess.start(jdbcUrl, log);
        try {
            for (String id : jobIds) {
                JsonNode job = second.awaitComplete("/api/catalog-item-bulk-create-jobs/" + id);
                assertThat(job.at("/attributes/total_count").asInt()).as(id).isEqualTo(ITEMS);
                assertThat(job.at("/attributes/completed_count").asInt()).as(id).isEqualTo(ITEMS);
                assertThat(job.at("/attributes/failed_count").asInt()).as(id).isZero();
                assertThat(job.at("/attributes/errors")).as(id).isEmpty();
                assertThat(job.at("/relationships/items/data")).as(id).hasSize(ITEMS);
            }
        } finally {
            second.stop();
        }
        assertThat(count(jdbcUrl, "select count(*) from catalog_item")).isEqualTo(JOBS * ITEMS);
        assertThat(count(jdbcUrl, "select count(distinct id) from catalog_item")).isEqualTo(JOBS * ITEMS);
        // Each item as its job submitted it (external id J<job>-I<item>, title "Item <item> of job <job>", price <item>).
        assertThat(count(jdbcUrl, "select count(*) from catalog_item where title = 'Item ' || (doc->>'price')::numeric::int"
                + " || ' of job ' || split_part(substr(external_id, 2), '-', 1)")).isEqualTo(JOBS * ITEMS);
        assertThat(count(jdbcUrl, "select count(*) from catalog_bulk_job where records is not null")).as("records dropped when done").isZero();
    }
}
