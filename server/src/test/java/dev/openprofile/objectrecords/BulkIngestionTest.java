package dev.openprofile.objectrecords;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bulk jobs: records ingested in committed chunks, rejected ones in the ingestion log with its filters and includes. */
class BulkIngestionTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Setup(Api api, String accountId, String source, String type) {}

    static Setup setup() {
        TestServer.Account account = server.newAccount("co-bulk-");
        Definitions d = new Definitions(server.jdbc(), account.id());
        String source = d.dataSource("Orders");
        String type = d.type("Order").property(1, "total", "float", true).property(2, "count", "int", false)
                .map(1, source, "$['id']", "$['total']").map(2, source, "$['id']", "$['count']").active().id;
        return new Setup(account.api(), account.id(), source, type);
    }

    @Test
    void aBulkJobWritesTheValidRecordsAndLogsEachRejectedOne() {
        Setup s = setup();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) records.add("{\"id\":\"o" + i + "\",\"total\":" + i + ".5,\"count\":" + i + "}");
        records.set(7, "{\"id\":\"o7\",\"total\":\"lots\",\"count\":1.5}");
        records.set(260, "{\"id\":\"o260\",\"count\":2}");
        records.set(261, "{\"total\":1}");
        String now = dev.openprofile.jsonapi.Rfc3339.format(clock.instant().atOffset(java.time.ZoneOffset.UTC));
        var r = Ingest.many(s.api(), s.source(), records);
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        server.awaitJobs();
        assertThat(server.queryInt("select count(*) from object_record where account_id = '" + s.accountId() + "'")).isEqualTo(297);
        assertThat(Ingest.properties(s.api(), s.type(), "o299").get("count").asInt()).isEqualTo(299);
        assertThat(Ingest.record(s.api(), s.type(), "o7").status()).isEqualTo(404);
        // The job's rows are gone once it is done; its items went chunk by chunk.
        assertThat(server.queryInt("select count(*) from data_source_record_job where account_id = '" + s.accountId() + "'")).isZero();
        assertThat(server.queryInt("select count(*) from data_source_record_job_item where account_id = '" + s.accountId() + "'")).isZero();

        var logs = Ingest.logs(s.api(), s.type(), "");
        assertThat(logs.status()).as(logs.text()).isEqualTo(200);
        assertThat(logs.data()).hasSize(3);
        JsonNode o7 = find(logs.data(), "o7");
        assertThat(o7.at("/attributes/status").asText()).isEqualTo("error");
        assertThat(o7.at("/attributes/event_type").asText()).isEqualTo("validation_error");
        assertThat(o7.at("/attributes/summary").asText()).isEqualTo("2 validation errors for o7");
        assertThat(o7.at("/attributes/timestamp").asText()).isEqualTo(now);
        assertThat(o7.at("/attributes/errors/0/code").asText()).isEqualTo("float_type");
        assertThat(o7.at("/attributes/errors/0/message").asText()).isEqualTo("Input should be a valid number");
        assertThat(o7.at("/attributes/errors/0/property").asText()).isEqualTo("total");
        assertThat(o7.at("/attributes/errors/0/invalid_value").asText()).isEqualTo("\"lots\"");
        assertThat(o7.at("/attributes/errors/1/code").asText()).isEqualTo("int_type");
        assertThat(o7.at("/attributes/errors/1/invalid_value").asText()).isEqualTo("1.5");
        assertThat(o7.at("/relationships/object-record/data/id").asText()).isEqualTo(s.type() + ":::o7");
        assertThat(o7.at("/relationships/object-type/data/id").asText()).isEqualTo(s.type());
        JsonNode o260 = find(logs.data(), "o260");
        assertThat(o260.at("/attributes/errors/0/code").asText()).isEqualTo("missing");
        assertThat(o260.at("/attributes/errors/0/message").asText()).isEqualTo("Field required");
        assertThat(o260.at("/attributes/errors/0/invalid_value").isNull()).isTrue();
        JsonNode noId = null;
        for (JsonNode l : logs.data()) if (l.at("/relationships/object-record").isMissingNode()) noId = l;
        assertThat(noId).isNotNull();
        assertThat(noId.at("/attributes/summary").asText()).isEqualTo("1 validation error for unknown record");
        assertThat(noId.at("/attributes/errors/0/property").asText()).isEqualTo("id");
    }

    @Test
    void logsAreFilteredIncludedPagedNewestFirstAndHiddenAfterFourteenDays() {
        Setup s = setup();
        // One bad record a minute, 60 of them: entries land in distinct seconds.
        Instant t0 = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "bad" + i;
            ids.add(id);
            assertThat(Ingest.many(s.api(), s.source(), List.of("{\"id\":\"" + id + "\",\"total\":null}")).status()).isEqualTo(204);
            server.awaitJobs();
            clock.advance(Duration.ofMinutes(1));
        }
        Ingest.one(s.api(), s.source(), "{\"id\":\"bad15\",\"total\":1}"); // bad15 now exists
        var first = Ingest.logs(s.api(), s.type(), "?include=object-record,object-type");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.data()).hasSize(50);
        assertThat(first.data().get(0).at("/relationships/object-record/data/id").asText()).isEqualTo(s.type() + ":::bad59");
        List<String> included = new ArrayList<>();
        first.body().get("included").forEach(i -> included.add(i.get("type").asText() + " " + i.get("id").asText()));
        assertThat(included).containsExactlyInAnyOrder("object-type " + s.type(), "object-record " + s.type() + ":::bad15");
        String next = first.body().at("/links/next").asText();
        var second = s.api().get("get_ingestion_logs_for_object_type", next.substring(next.indexOf("/api/")));
        assertThat(second.data()).hasSize(10);
        assertThat(second.data().get(9).at("/relationships/object-record/data/id").asText()).isEqualTo(s.type() + ":::bad0");

        var byRecord = Ingest.logs(s.api(), s.type(), "?filter=" + Ingest.q("equals(record_id,'bad3')"));
        assertThat(byRecord.data()).hasSize(1);
        assertThat(Ingest.logs(s.api(), s.type(), "?filter=" + Ingest.q("any(status,['warning','info'])")).data()).isEmpty();
        assertThat(Ingest.logs(s.api(), s.type(), "?filter=" + Ingest.q("equals(event_type,'validation_error')")).data()).hasSize(50);
        var window = Ingest.logs(s.api(), s.type(), "?filter=" + Ingest.q("greater-or-equal(timestamp," + t0.plusSeconds(600)
                + "),less-than(timestamp," + t0.plusSeconds(1200) + ")"));
        assertThat(window.data()).hasSize(10);
        var ids2 = s.api().get("get_ingestion_log_ids_for_object_type", "/api/object-types/" + s.type()
                + "/relationships/object-ingestion-logs?filter=" + Ingest.q("equals(record_id,'bad3')"));
        assertThat(ids2.status()).isEqualTo(200);
        assertThat(ids2.data().get(0).get("id").asText()).isEqualTo(byRecord.data().get(0).get("id").asText());
        assertThat(ids2.data().get(0).get("type").asText()).isEqualTo("object-ingestion-log");
        var badFilter = Ingest.logs(s.api(), s.type(), "?filter=" + Ingest.q("equals(summary,'x')"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.error().at("/source/parameter").asText()).isEqualTo("filter");
        assertThat(s.api().get("get_ingestion_logs_for_object_type", "/api/object-types/01NOSUCHTYPE00000000000000/object-ingestion-logs")
                .status()).isEqualTo(404);

        // Fourteen days on (from the first entry) the oldest are hidden, then deleted by retention.
        clock.advance(Duration.ofDays(14).minusMinutes(60).plusSeconds(30));
        var later = Ingest.logs(s.api(), s.type(), "?filter=" + Ingest.q("equals(record_id,'bad0')"));
        assertThat(later.data()).isEmpty();
        assertThat(Ingest.logs(s.api(), s.type(), "?filter=" + Ingest.q("equals(record_id,'bad1')")).data()).hasSize(1);
        try (var retention = new ObjectRecordRetention(server.jdbc(), clock)) {
            retention.sweep();
        }
        assertThat(server.queryInt("select count(*) from object_ingestion_log where account_id = '" + s.accountId()
                + "' and record_id = 'bad0'")).isZero();
        assertThat(server.queryInt("select count(*) from object_ingestion_log where account_id = '" + s.accountId() + "'")).isEqualTo(59);
    }

    @Test
    void aJobProcessesAChunkPerTransactionAndKeepsItsProgress() throws Exception {
        Setup s = setup();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) records.add("{\"id\":" + i + ",\"total\":1}");
        // Stored durably before any worker runs it: the job and its records are committed with the 204.
        String jobId = server.jdbc().inTransaction(c -> {
            var ingestion = new Ingestion(null);
            var jobs = new IngestionJobs(ingestion, clock, Definitions::ulid, () -> {});
            jobs.submit(c, s.accountId(), s.source(), records.stream().map(BulkIngestionTest::json).toList());
            return dev.openprofile.store.Statements.text(c, "select job_id from data_source_record_job where account_id = ?",
                    s.accountId()).orElseThrow();
        });
        server.awaitJobs();
        assertThat(server.queryInt("select count(*) from object_record where account_id = '" + s.accountId() + "'")).isEqualTo(500);
        assertThat(server.queryInt("select count(*) from job where account_id = '" + s.accountId() + "' and id = '" + jobId
                + "' and status = 'complete'")).isEqualTo(1);
        // A chunk by hand: the first CHUNK records go with its transaction, the rest wait.
        var ingestion = new Ingestion(null);
        var jobs = new IngestionJobs(ingestion, clock, Definitions::ulid, () -> {});
        String held = server.jdbc().inTransaction(c -> {
            var job = dev.openprofile.jobs.JobQueue.enqueue(c, s.accountId(), Definitions.ulid(), "held-" + Definitions.ulid(),
                    java.time.OffsetDateTime.now());
            dev.openprofile.store.Statements.update(c, "update job set status = 'complete' where account_id = ? and id = ?",
                    s.accountId(), job.id());
            dev.openprofile.store.Statements.update(c, "insert into data_source_record_job (account_id, job_id, data_source_id) values (?, ?, ?)",
                    s.accountId(), job.id(), s.source());
            dev.openprofile.store.Statements.update(c, """
                    insert into data_source_record_job_item (account_id, job_id, idx, record)
                    select ?, ?, n, '{"id":"h' || n || '","total":2}' from generate_series(0, 299) n""", s.accountId(), job.id());
            return job.id();
        });
        var job = new dev.openprofile.jobs.Job(s.accountId(), held, IngestionJobs.BULK, "processing", null, null, null, null);
        var handler = jobs.handlers().get(0);
        assertThat(server.jdbc().<Boolean>inTransaction(c -> handler.processChunk(c, job))).isFalse();
        assertThat(server.queryInt("select count(*) from data_source_record_job_item where job_id = '" + held + "'"))
                .isEqualTo(300 - IngestionJobs.CHUNK);
        assertThat(server.queryInt("select count(*) from object_record where account_id = '" + s.accountId()
                + "' and record_id like 'h%'")).isEqualTo(IngestionJobs.CHUNK);
        assertThat(server.jdbc().<Boolean>inTransaction(c -> handler.processChunk(c, job))).isTrue();
        assertThat(server.queryInt("select count(*) from object_record where account_id = '" + s.accountId()
                + "' and record_id like 'h%'")).isEqualTo(300);
        assertThat(server.queryInt("select count(*) from data_source_record_job where job_id = '" + held + "'")).isZero();
    }

    /** A job held out of the workers' reach (its job row complete), with these records, numbered as accepted now. */
    private static String heldJob(Setup s, String... records) {
        return server.jdbc().inTransaction(c -> {
            var job = dev.openprofile.jobs.JobQueue.enqueue(c, s.accountId(), Definitions.ulid(), "held-" + Definitions.ulid(),
                    java.time.OffsetDateTime.now());
            dev.openprofile.store.Statements.update(c, "update job set status = 'complete' where account_id = ? and id = ?",
                    s.accountId(), job.id());
            dev.openprofile.store.Statements.update(c, "insert into data_source_record_job (account_id, job_id, data_source_id) values (?, ?, ?)",
                    s.accountId(), job.id(), s.source());
            dev.openprofile.store.Statements.update(c, """
                    insert into data_source_record_job_item (account_id, job_id, idx, record)
                    select ?, ?, n - 1, r from unnest(?::text[]) with ordinality as u(r, n)""", s.accountId(), job.id(), List.of(records));
            return job.id();
        });
    }

    @Test
    void jobsRunInAnyOrderAndARecordEndsAsAcceptedLast() {
        // Jobs of one account run concurrently; the order they were accepted in decides, not the order they ran in.
        Setup s = setup();
        String first = heldJob(s, "{\"id\":\"o\",\"total\":1}", "{\"id\":\"p\",\"total\":1}");
        String second = heldJob(s, "{\"id\":\"o\",\"total\":2}");
        var jobs = new IngestionJobs(new Ingestion(null), clock, Definitions::ulid, () -> {});
        var handler = jobs.handlers().get(0);
        for (String id : List.of(second, first)) {
            var job = new dev.openprofile.jobs.Job(s.accountId(), id, IngestionJobs.BULK, "processing", null, null, null, null);
            assertThat(server.jdbc().<Boolean>inTransaction(c -> handler.processChunk(c, job))).isTrue();
        }
        assertThat(Ingest.properties(s.api(), s.type(), "o").get("total").asInt()).isEqualTo(2);
        assertThat(Ingest.properties(s.api(), s.type(), "p").get("total").asInt()).isEqualTo(1);
        // A single call is accepted after both: it wins, and a job accepted before it that runs later does not undo it.
        String third = heldJob(s, "{\"id\":\"o\",\"total\":4}");
        assertThat(Ingest.one(s.api(), s.source(), "{\"id\":\"o\",\"total\":3}").status()).isEqualTo(204);
        var job = new dev.openprofile.jobs.Job(s.accountId(), third, IngestionJobs.BULK, "processing", null, null, null, null);
        assertThat(server.jdbc().<Boolean>inTransaction(c -> handler.processChunk(c, job))).isTrue();
        assertThat(Ingest.properties(s.api(), s.type(), "o").get("total").asInt()).isEqualTo(3);
    }

    @Test
    void aRecordRepeatedInOneJobEndsAsItsLastOccurrence() {
        Setup s = setup();
        var r = Ingest.many(s.api(), s.source(), List.of("{\"id\":\"x\",\"total\":1}", "{\"id\":\"y\",\"total\":5}",
                "{\"id\":\"x\",\"total\":2,\"count\":3}", "{\"id\":\"x\",\"total\":3}"));
        assertThat(r.status()).isEqualTo(204);
        server.awaitJobs();
        JsonNode x = Ingest.properties(s.api(), s.type(), "x");
        assertThat(x.get("total").asInt()).isEqualTo(3);
        assertThat(x.has("count")).isFalse();
    }

    private static JsonNode find(JsonNode logs, String recordId) {
        for (JsonNode l : logs) {
            if (l.at("/relationships/object-record/data/id").asText().endsWith(":::" + recordId)) return l;
        }
        throw new AssertionError("no log entry for " + recordId);
    }

    private static JsonNode json(String s) {
        try {
            return dev.openprofile.jsonapi.Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
