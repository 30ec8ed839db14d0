package dev.openprofile.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.DatabaseChecksum;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors name what is missing (issue 21): for every operation with a JSON body, the valid call of
 * {@link OperationSweepTest} is sent again without one member the spec's request schema requires of {@code data},
 * {@code data.attributes} or (a relationship body) {@code data[0]}, one member at a time. Each answer is a 400 whose
 * error points at the missing member and says it is required, and no table of the database changed.
 */
class RequiredMemberMissingTest {
    static final String EMPTY_LINKS = "the sweep removes no link (its data is []), as the other catalog calls need the links;"
            + " the same identifier reader serves add_ and update_, whose data[0] is stripped";
    /** Required members the sweep's valid call does not have, so there is nothing to take away, with the reason. */
    static final Map<String, String> NOT_IN_THE_VALID_CALL = Map.of(
            "remove_items_from_catalog_category /data/0/type", EMPTY_LINKS,
            "remove_items_from_catalog_category /data/0/id", EMPTY_LINKS,
            "remove_categories_from_catalog_item /data/0/type", EMPTY_LINKS,
            "remove_categories_from_catalog_item /data/0/id", EMPTY_LINKS);

    static final JsonNode OPERATIONS = resource("/spec/operations.json").get("operations");
    static final JsonNode SCHEMAS = resource("/spec/schemas.json").at("/components/schemas");

    @BeforeAll
    static void start() {
        OperationSweepTest.start();
        OperationSweepTest.server.awaitJobs();
    }

    @AfterAll
    static void stop() {
        OperationSweepTest.stop();
    }

    /** The swept operations with a JSON body (the multipart upload has its own form tests). */
    static Stream<String> operations() {
        return OperationSweepTest.REQUESTS.entrySet().stream()
                .filter(e -> e.getValue()[2] != null && e.getValue().length <= 4)
                .map(Map.Entry::getKey);
    }

    @Test
    void everyOperationWithABodyIsCovered() {
        assertThat(operations()).hasSizeGreaterThan(100);
        assertThat(operations().flatMap(op -> required(op).stream())).hasSizeGreaterThan(400);
    }

    @ParameterizedTest
    @MethodSource("operations")
    void aMissingRequiredMemberIsReportedAsRequiredAtItsPointerAndChangesNothing(String operationId) {
        String[] call = OperationSweepTest.REQUESTS.get(operationId);
        JsonNode valid = parse(OperationSweepTest.fill(call[2]));
        Api api = call[1].startsWith("/client/") ? OperationSweepTest.server.clientApi() : OperationSweepTest.server.api();
        Map<String, String> before = DatabaseChecksum.of(OperationSweepTest.server.jdbc());
        SoftAssertions soft = new SoftAssertions();
        for (String pointer : required(operationId)) {
            String key = operationId + " " + pointer;
            if (valid.at(pointer).isMissingNode()) {
                soft.assertThat(NOT_IN_THE_VALID_CALL).as(key + ": absent from the valid call").containsKey(key);
                continue;
            }
            JsonNode without = valid.deepCopy();
            ((ObjectNode) without.at(pointer.substring(0, pointer.lastIndexOf('/')))).remove(pointer.substring(pointer.lastIndexOf('/') + 1));
            Api.Response r = api.send(operationId, call[0], OperationSweepTest.fill(call[1]), without.toString(), Map.of());
            soft.assertThat(r.status()).as(key + ": " + r.text()).isEqualTo(400);
            if (r.status() != 400) continue;
            soft.assertThat(r.error().at("/source/pointer").asText()).as(key + ": " + r.text()).isEqualTo(pointer);
            String name = pointer.substring(pointer.lastIndexOf('/') + 1);
            soft.assertThat(r.error().get("detail").asText()).as(key).containsIgnoringCase("'" + name + "'").containsIgnoringCase("required");
        }
        soft.assertThat(DatabaseChecksum.of(OperationSweepTest.server.jdbc())).as(operationId + ": nothing stored").isEqualTo(before);
        soft.assertAll();
    }

    /** The pointers of the members the operation's request schema requires of data, data.attributes or data[0]. */
    static List<String> required(String operationId) {
        JsonNode schema = resolve(SCHEMAS.get(OPERATIONS.get(operationId).get("requestSchema").asText()));
        List<String> pointers = new ArrayList<>();
        schema.path("required").forEach(r -> pointers.add("/" + r.asText()));
        JsonNode data = resolve(schema.at("/properties/data"));
        if (data.path("type").asText().equals("array")) {
            resolve(data.get("items")).path("required").forEach(r -> pointers.add("/data/0/" + r.asText()));
        } else {
            data.path("required").forEach(r -> pointers.add("/data/" + r.asText()));
            resolve(data.at("/properties/attributes")).path("required").forEach(r -> pointers.add("/data/attributes/" + r.asText()));
        }
        return pointers;
    }

    static JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) schema = SCHEMAS.get(schema.get("$ref").asText().substring("#/components/schemas/".length()));
        return schema;
    }

    static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resource(String name) {
        try (InputStream in = RequiredMemberMissingTest.class.getResourceAsStream(name)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
