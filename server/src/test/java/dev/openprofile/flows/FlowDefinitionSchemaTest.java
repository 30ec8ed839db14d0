package dev.openprofile.flows;

import static dev.openprofile.flows.FlowFixtures.account;
import static dev.openprofile.flows.FlowFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow definitions held against the spec's own schemas (FlowCreateQuery's FlowDefinition, FlowActionUpdateQuery's action
 * definition), down to every member: a value the schema refuses is a 400 at its member, and nothing is stored.
 *
 * <p>{@code flows/action-definitions.json} holds one valid action of every type of the spec, each with the members of
 * its schema filled in (generated from the spec's schemas, checked by the test-side validator in
 * {@link FlowDefinitionVerdictTest}).
 */
class FlowDefinitionSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode ACTIONS = readActions();
    static final String DEFINITION = "/data/attributes/definition";
    static TestServer server;

    /** A member of one action type's valid definition, changed to {@code value} (JSON), or deleted when null. */
    record Case(String type, String pointer, String value) {}

    static final List<Case> CASES = List.of(
            new Case("action-output-split", "/data/action_output_filter/condition_groups/0/conditions/0/output_config_id", "\"one\""),
            new Case("back-in-stock-delay", "/links", "\"next\""),
            new Case("conditional-split", "/data/profile_filter/condition_groups/0/conditions/0/type", "\"no-such-condition\""),
            new Case("content-experiment", "/data/main_action/data/message/push_type", "\"loud\""),
            new Case("send-email", "/data/message/smart_sending_enabled", "\"yes\""),
            new Case("send-mobile-push", "/data/message/badge_options/badge_config", "\"double\""),
            new Case("send-sms", "/data/message/body", null),
            new Case("send-webhook", "/data/message/url", null),
            new Case("send-internal-alert", "/data/message/to_emails", "\"a@example.com\""),
            new Case("send-whatsapp", "/data/message/vendor_id", "5"),
            new Case("time-delay", "/data/unit", "\"weeks\""),
            new Case("time-delay", "/data/timezone", "\"Mars/Olympus_Mons\""),
            new Case("time-delay", "/data/value", null),
            new Case("time-delay", "/data/delay_until_weekdays/0", "\"someday\""),
            new Case("trigger-split", "/data/trigger_type", "\"sometimes\""),
            new Case("update-profile", "/data/profile_operations", "{}"),
            new Case("target-date", "/data/target_days/0", "\"someday\""),
            new Case("countdown-delay", "/data/delay_until_time", "\"25:61\""),
            new Case("ab-test", "/data/current_experiment/winner_metric", "\"most-likes\""),
            new Case("ab-test", "/data/main_action", null),
            new Case("internal-service", "/data/service_configuration/service_method_type", "\"teleport\""),
            new Case("code", "/links/next", "5"),
            new Case("multi-branch-split", "/data/branches/0/order", "\"first\""),
            new Case("list-update", "/data/on_execution", "\"add\""),
            new Case("list-update", "/data/list_id", null));

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyActionTypeOfTheSpecIsAcceptedWithAllItsMembersAndShownAsGiven() {
        Set<String> types = new TreeSet<>();
        ACTIONS.fieldNames().forEachRemaining(types::add);
        assertThat(types).isEqualTo(new TreeSet<>(Arrays.stream(ActionType.values()).map(t -> t.wire).toList())).hasSize(20);
        Api api = account(server);
        for (String type : types) {
            ObjectNode given = (ObjectNode) ACTIONS.get(type);
            JsonNode flow = FlowFixtures.create(api, body(type, definition(List.of(given))));
            JsonNode shown = flow.at("/attributes/definition/actions/0");
            assertThat(withoutAssignedIds(shown, given)).as(type).isEqualTo(given);
            // update_flow_action takes the same definition back.
            String id = shown.get("id").asText();
            var r = api.patch("update_flow_action", "/api/flow-actions/" + id, updateBody(id, given));
            assertThat(r.status()).as(type + " " + r.text()).isEqualTo(200);
            assertThat(withoutAssignedIds(r.data().at("/attributes/definition"), given)).as(type).isEqualTo(given);
        }
    }

    /** The spec gives a code action's {@code data} no schema: any value is kept as given. */
    @Test
    void aCodeActionsDataMayBeAnyValue() {
        Api api = account(server);
        ObjectNode code = ACTIONS.get("code").deepCopy();
        code.put("data", 5);
        JsonNode flow = FlowFixtures.create(api, body("Code", definition(List.of(code))));
        assertThat(flow.at("/attributes/definition/actions/0/data").asInt()).isEqualTo(5);
    }

    @Test
    void aMemberItsSchemaRefusesIsA400AtThatMemberOnCreateAndNoFlowIsMade() {
        Api api = account(server);
        ObjectNode delay = (ObjectNode) ACTIONS.get("time-delay");
        for (Case c : CASES) {
            // The broken action third in its definition: the pointer names its index.
            String body = body("Broken", definition(List.of(delay, delay, broken(c))));
            var r = api.post("create_flow", "/api/flows", body);
            assertThat(r.status()).as(c + " " + r.text()).isEqualTo(400);
            assertThat(r.error().get("code").asText()).isEqualTo("invalid");
            assertThat(r.error().at("/source/pointer").asText()).as(c.toString()).isEqualTo(DEFINITION + "/actions/2" + c.pointer());
        }
        String[][] frame = {
                {"{\"triggers\":[{\"type\":\"date\",\"date_field_type\":\"profile-property\",\"date_profile_property\":\"birthday\","
                        + "\"timedelta_value_before_date\":0,\"trigger_time\":\"9am\"}],\"actions\":[],\"entry_action_id\":null}",
                        "/triggers/0/trigger_time"},
                {"{\"triggers\":[],\"actions\":[],\"entry_action_id\":null,\"reentry_criteria\":{\"duration\":1,\"unit\":\"month\"}}",
                        "/reentry_criteria/unit"},
                {"{\"triggers\":[],\"actions\":[],\"entry_action_id\":null,\"profile_filter\":{\"condition_groups\":[{\"conditions\":"
                        + "[{\"type\":\"profile-region\",\"in_region\":\"yes\",\"region\":\"european_union\"}]}]}}",
                        "/profile_filter/condition_groups/0/conditions/0/in_region"},
                {"{\"triggers\":[],\"actions\":[],\"entry_action_id\":7}", "/entry_action_id"}};
        for (String[] f : frame) {
            var r = api.post("create_flow", "/api/flows", body("Broken", f[0]));
            assertThat(r.status()).as(f[0] + " " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(f[0]).isEqualTo(DEFINITION + f[1]);
        }
        assertThat(api.get("get_flows", "/api/flows").data()).isEmpty();
    }

    @Test
    void aMemberItsSchemaRefusesIsA400AtThatMemberOnUpdateAndTheActionIsUnchanged() {
        Api api = account(server);
        List<ObjectNode> all = new ArrayList<>();
        ACTIONS.forEach(a -> all.add((ObjectNode) a));
        JsonNode flow = FlowFixtures.create(api, body("Everything", definition(all)));
        JsonNode shown = flow.at("/attributes/definition/actions");
        for (Case c : CASES) {
            String id = idOf(shown, c.type());
            JsonNode before = api.get("get_flow_action", "/api/flow-actions/" + id).data();
            var r = api.patch("update_flow_action", "/api/flow-actions/" + id, updateBody(id, broken(c)));
            assertThat(r.status()).as(c + " " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c.toString()).isEqualTo(DEFINITION + c.pointer());
            assertThat(api.get("get_flow_action", "/api/flow-actions/" + id).data()).isEqualTo(before);
        }
    }

    /** The detail says what the schema wants: the allowed values, the type, the member missing, the format. */
    @Test
    void theErrorSaysWhatTheSchemaWants() {
        Api api = account(server);
        String[][] expected = {
                {"/data/unit", "\"weeks\"", "'unit' must be one of: days, hours, minutes."},
                {"/data/value", null, "'value' is a required field."},
                {"/data/value", "\"1\"", "'value' must be an integer, not string."},
                {"/data/secondary_value", "true", "'secondary_value' must be an integer or null, not boolean."},
                {"/data/timezone", "\"Mars/Olympus_Mons\"", "'timezone' must be one of the 434 values the spec lists for it."},
                {"/data/delay_until_time", "\"09:30\"", "'delay_until_time' must be an RFC 3339 time with its offset, such as 09:30:00Z or 09:30:00+02:00."}};
        for (String[] e : expected) {
            var r = api.post("create_flow", "/api/flows", body("Broken", definition(List.of(broken(new Case("time-delay", e[0], e[1]))))));
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.error().get("detail").asText()).isEqualTo(e[2]);
        }
    }

    /**
     * The spec closes no object (no {@code additionalProperties: false}): a member it does not list deep in an action is
     * kept as given; on the definition and on an action, where OpenProfile reads the members, it is refused.
     */
    @Test
    void membersTheSpecDoesNotListAreKeptDeepAndRefusedWhereTheDefinitionIsRead() {
        Api api = account(server);
        ObjectNode mail = ACTIONS.get("send-email").deepCopy();
        ((ObjectNode) mail.at("/data/message")).put("x_campaign_code", "fall");
        JsonNode flow = FlowFixtures.create(api, body("Kept", definition(List.of(mail))));
        assertThat(flow.at("/attributes/definition/actions/0/data/message/x_campaign_code").asText()).isEqualTo("fall");
        ObjectNode odd = ACTIONS.get("send-email").deepCopy();
        odd.put("priority", "high");
        var r = api.post("create_flow", "/api/flows", body("Odd", definition(List.of(odd))));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(DEFINITION + "/actions/0/priority");
    }

    /** One valid action of each type, readable by the other flow tests. */
    static JsonNode readActions() {
        try (InputStream in = FlowDefinitionSchemaTest.class.getResourceAsStream("/flows/action-definitions.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A definition with no trigger whose actions are named a0, a1, ... and entered at a0. */
    static String definition(List<ObjectNode> actions) {
        ObjectNode d = JSON.createObjectNode();
        d.putArray("triggers");
        ArrayNode list = d.putArray("actions");
        for (int i = 0; i < actions.size(); i++) {
            ObjectNode a = actions.get(i).deepCopy();
            a.put("temporary_id", "a" + i);
            list.add(a);
        }
        d.put("entry_action_id", actions.isEmpty() ? null : "a0");
        return d.toString();
    }

    static String updateBody(String id, JsonNode definition) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode data = body.putObject("data");
        data.put("type", "flow-action").put("id", id);
        data.putObject("attributes").set("definition", definition);
        return body.toString();
    }

    static ObjectNode broken(Case c) {
        ObjectNode action = ACTIONS.get(c.type()).deepCopy();
        if (c.type().equals("code")) action.putObject("links").putNull("next");
        try {
            return Mutation.apply(action, JsonPointer.compile(c.pointer()), c.value() == null ? null : JSON.readTree(c.value()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An action as shown, less what the server assigns (its id, its message's id, a defaulted status). */
    private static JsonNode withoutAssignedIds(JsonNode shown, JsonNode given) {
        ObjectNode copy = shown.deepCopy();
        copy.remove("id");
        if (copy.get("data") instanceof ObjectNode data) {
            if (!given.path("data").has("status")) data.remove("status");
            if (!given.has("data") && data.isEmpty()) copy.remove("data");
            if (data.get("message") instanceof ObjectNode message) message.remove("id");
        }
        if (!given.has("links") && copy.path("links").isNull()) copy.remove("links");
        return copy;
    }

    /** The id of the action of {@code type} among a flow's shown actions. */
    static String idOf(JsonNode actions, String type) {
        for (JsonNode a : actions) if (a.get("type").asText().equals(type)) return a.get("id").asText();
        throw new AssertionError("no " + type + " action");
    }
}
