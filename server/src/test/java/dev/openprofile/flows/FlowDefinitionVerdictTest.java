package dev.openprofile.flows;

import static dev.openprofile.flows.FlowDefinitionSchemaTest.ACTIONS;
import static dev.openprofile.flows.FlowDefinitionSchemaTest.JSON;
import static dev.openprofile.flows.FlowDefinitionSchemaTest.definition;
import static dev.openprofile.flows.FlowDefinitionSchemaTest.idOf;
import static dev.openprofile.flows.FlowDefinitionSchemaTest.updateBody;
import static dev.openprofile.flows.FlowFixtures.account;
import static dev.openprofile.flows.FlowFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.SpecValidator;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two paths, one rule: the server's verdict on a flow definition (its schemas, rewritten to choose variants by their
 * discriminating member) and the test-side {@link SpecValidator}'s (the spec's schemas, oneOf as anyOf) agree on
 * definitions broken at one random member. Run with {@code -Dflowschema.seed=N} to replay a failure.
 */
class FlowDefinitionVerdictTest {
    private static final int MUTATIONS = 200;
    private static final JsonPointer DATA = JsonPointer.compile("/data");
    private static final List<JsonPointer> FRAME = List.of(JsonPointer.compile("/actions/0/data"),
            JsonPointer.compile("/profile_filter"), JsonPointer.compile("/reentry_criteria"));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theValidDefinitionsTheTestsStartFromAreValidToTheSpec() {
        SpecValidator spec = SpecValidator.load();
        ACTIONS.forEach(action -> {
            JsonNode create = read(body("One", definition(List.of((ObjectNode) action))));
            assertThat(spec.requestViolations("create_flow", create)).as(action.toString()).isEmpty();
            assertThat(spec.requestViolations("update_flow_action", read(updateBody("1", action)))).as(action.toString()).isEmpty();
        });
    }

    @Test
    void aDefinitionBrokenAtOneRandomMemberIsRefusedExactlyWhenTheSpecRefusesIt() {
        long seed = Long.getLong("flowschema.seed", System.nanoTime());
        Random random = new Random(seed);
        SpecValidator spec = SpecValidator.load();
        Api api = account(server);
        List<ObjectNode> all = new ArrayList<>();
        ACTIONS.forEach(a -> all.add((ObjectNode) a));
        // Each update breaks the action of its type in this flow.
        JsonNode target = FlowFixtures.create(api, body("Target", definition(all))).at("/attributes/definition/actions");
        List<String> types = new ArrayList<>();
        ACTIONS.fieldNames().forEachRemaining(t -> {
            if (ACTIONS.get(t).has("data")) types.add(t);
        });
        int made = 1;
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String type = types.get(random.nextInt(types.size()));
            boolean create = random.nextBoolean();
            ObjectNode changed;
            Mutation m;
            String body;
            if (create) {
                // A whole definition, broken in an action's data or in its frame (the flow's profile filter, re-entry).
                changed = (ObjectNode) read(definition(List.of((ObjectNode) ACTIONS.get(type))));
                changed.set("profile_filter", ACTIONS.at("/conditional-split/data/profile_filter").deepCopy());
                changed.putObject("reentry_criteria").put("duration", 1).put("unit", "day");
                m = Mutation.random(changed, FRAME.get(random.nextInt(FRAME.size())), random);
                body = body("Mutant", m.applyTo(changed).toString());
            } else {
                changed = ACTIONS.get(type).deepCopy();
                m = Mutation.random(changed, DATA, random);
                body = updateBody(idOf(target, type), m.applyTo(changed));
            }
            String operation = create ? "create_flow" : "update_flow_action";
            var r = create ? api.post(operation, "/api/flows", body)
                    : api.patch(operation, "/api/flow-actions/" + idOf(target, type), body);
            List<String> verdict = spec.requestViolations(operation, read(body));
            String about = "seed " + seed + ", " + operation + " " + type + " " + m + "\nspec: " + verdict + "\nserver: " + r.text();
            assertThat(r.status()).as(about).isIn(create ? 201 : 200, 400);
            assertThat(r.status() == 400).as(about).isEqualTo(!verdict.isEmpty());
            if (r.status() == 400) {
                refused++;
                String base = "/data/attributes/definition";
                String pointer = r.error().at("/source/pointer").asText();
                // The member at fault is the one changed, one it lies in, or (among variants) a sibling of it.
                assertThat((base + m.at()).startsWith(pointer) || pointer.startsWith(base + m.at().head())).as(about).isTrue();
            } else if (create) {
                made++;
            }
        }
        assertThat(refused).as("seed " + seed + ": some mutations must break the schema").isPositive();
        assertThat(refused).as("seed " + seed + ": some mutations must keep it valid").isLessThan(MUTATIONS);
        assertThat(countFlows(api)).as("seed " + seed).isEqualTo(made);
    }

    private static int countFlows(Api api) {
        int count = 0;
        String next = "/api/flows?page[size]=50";
        while (next != null) {
            var page = api.get("get_flows", next);
            count += page.data().size();
            JsonNode link = page.body().at("/links/next");
            next = link.isTextual() ? link.asText().substring(link.asText().indexOf("/api/")) : null;
        }
        return count;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
