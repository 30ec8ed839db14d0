package dev.openprofile.flows;

import static dev.openprofile.flows.FlowFixtures.account;
import static dev.openprofile.flows.FlowFixtures.body;
import static dev.openprofile.flows.FlowFixtures.create;
import static dev.openprofile.flows.FlowFixtures.createList;
import static dev.openprofile.flows.FlowFixtures.listTrigger;
import static dev.openprofile.flows.FlowFixtures.welcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flows a list, segment or metric triggers (their flow-trigger endpoints and include), and a flow's tags. */
class FlowTriggersTest {
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
    void aListAnswersTheFlowsItTriggers() {
        Api api = account(server);
        String list = createList(api, "Newsletter");
        String other = createList(api, "Other");
        String a = create(api, welcome("A", listTrigger(list))).get("id").asText();
        String b = create(api, welcome("B", listTrigger(list))).get("id").asText();
        create(api, welcome("C", listTrigger(other)));
        var flows = api.get("get_flows_triggered_by_list", "/api/lists/" + list + "/flow-triggers");
        assertThat(flows.status()).as(flows.text()).isEqualTo(200);
        assertThat(ids(flows.data())).containsExactlyElementsOf(sorted(a, b));
        assertThat(flows.data().get(0).at("/attributes/trigger_type").asText()).isEqualTo("Added to List");
        assertThat(ids(api.get("get_ids_for_flows_triggered_by_list", "/api/lists/" + list + "/relationships/flow-triggers").data()))
                .containsExactlyElementsOf(sorted(a, b));

        var one = api.get("get_list", "/api/lists/" + list + "?include=flow-triggers");
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        assertThat(ids(one.data().at("/relationships/flow-triggers/data"))).containsExactlyElementsOf(sorted(a, b));
        assertThat(ids(one.body().get("included"))).containsExactlyInAnyOrder(a, b);
        var page = api.get("get_lists", "/api/lists?include=flow-triggers");
        assertThat(page.body().get("included")).hasSize(3);

        assertThat(api.delete("delete_flow", "/api/flows/" + a, null).status()).isEqualTo(204);
        assertThat(ids(api.get("get_ids_for_flows_triggered_by_list", "/api/lists/" + list + "/relationships/flow-triggers").data()))
                .containsExactly(b);
        assertThat(api.get("get_flows_triggered_by_list", "/api/lists/NOPE12/flow-triggers").status()).isEqualTo(404);
        assertThat(account(server).get("get_flows_triggered_by_list", "/api/lists/" + list + "/flow-triggers").status()).isEqualTo(404);
    }

    @Test
    void aSegmentAndAMetricAnswerTheFlowsTheyTrigger() {
        Api api = account(server);
        String segment = segment(api);
        String metric = FlowResourcesTest.metric(api);
        String s = create(api, welcome("S", "{\"type\":\"segment\",\"id\":\"" + segment + "\"}")).get("id").asText();
        String m = create(api, welcome("M", "{\"type\":\"metric\",\"id\":\"" + metric + "\"}")).get("id").asText();

        assertThat(ids(api.get("get_flows_triggered_by_segment", "/api/segments/" + segment + "/flow-triggers").data())).containsExactly(s);
        assertThat(ids(api.get("get_ids_for_flows_triggered_by_segment", "/api/segments/" + segment + "/relationships/flow-triggers")
                .data())).containsExactly(s);
        var seg = api.get("get_segment", "/api/segments/" + segment + "?include=flow-triggers,tags");
        assertThat(seg.status()).as(seg.text()).isEqualTo(200);
        assertThat(ids(seg.data().at("/relationships/flow-triggers/data"))).containsExactly(s);
        assertThat(ids(seg.body().get("included"))).containsExactly(s);
        assertThat(ids(api.get("get_segments", "/api/segments?include=flow-triggers").body().get("included"))).containsExactly(s);

        assertThat(ids(api.get("get_flows_triggered_by_metric", "/api/metrics/" + metric + "/flow-triggers").data())).containsExactly(m);
        assertThat(ids(api.get("get_ids_for_flows_triggered_by_metric", "/api/metrics/" + metric + "/relationships/flow-triggers")
                .data())).containsExactly(m);
        var met = api.get("get_metric", "/api/metrics/" + metric + "?include=flow-triggers");
        assertThat(met.status()).as(met.text()).isEqualTo(200);
        assertThat(ids(met.data().at("/relationships/flow-triggers/data"))).containsExactly(m);
        assertThat(met.body().at("/included/0/attributes/trigger_type").asText()).isEqualTo("Metric");
        assertThat(ids(api.get("get_metrics", "/api/metrics?include=flow-triggers").body().get("included"))).containsExactly(m);

        assertThat(api.get("get_flows_triggered_by_segment", "/api/segments/nope/flow-triggers").status()).isEqualTo(404);
        assertThat(api.get("get_ids_for_flows_triggered_by_metric", "/api/metrics/nope/relationships/flow-triggers").status())
                .isEqualTo(404);
    }

    @Test
    void aTriggerNamingAnUnknownObjectIsNotFound() {
        Api api = account(server);
        for (String kind : List.of("list", "segment", "metric")) {
            var r = api.post("create_flow", "/api/flows", welcome("X", "{\"type\":\"" + kind + "\",\"id\":\"NOPE12\"}"));
            assertThat(r.status()).as(r.text()).isEqualTo(404);
            assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/definition/triggers/0/id");
            assertThat(r.error().get("detail").asText()).contains("A " + kind + " with id 'NOPE12'");
        }
        assertThat(api.get("get_flows", "/api/flows").data()).isEmpty();
    }

    @Test
    void flowsAreTaggedAndShowTheirTags() {
        Api api = account(server);
        String flow = create(api, welcome("Welcome", listTrigger(createList(api, "L")))).get("id").asText();
        var tag = api.post("create_tag", "/api/tags", "{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":\"Onboarding\"}}}");
        assertThat(tag.status()).as(tag.text()).isEqualTo(201);
        String tagId = tag.data().get("id").asText();
        String link = "{\"data\":[{\"type\":\"flow\",\"id\":\"" + flow + "\"}]}";
        assertThat(api.post("tag_flows", "/api/tags/" + tagId + "/relationships/flows", link).status()).isEqualTo(204);
        assertThat(ids(api.get("get_flow_ids_for_tag", "/api/tags/" + tagId + "/relationships/flows").data())).containsExactly(flow);
        var tags = api.get("get_tags_for_flow", "/api/flows/" + flow + "/tags");
        assertThat(tags.status()).as(tags.text()).isEqualTo(200);
        assertThat(tags.data().get(0).at("/attributes/name").asText()).isEqualTo("Onboarding");
        assertThat(ids(api.get("get_tag_ids_for_flow", "/api/flows/" + flow + "/relationships/tags").data())).containsExactly(tagId);
        var withTags = api.get("get_flows", "/api/flows?include=tags");
        assertThat(ids(withTags.data().get(0).at("/relationships/tags/data"))).containsExactly(tagId);
        assertThat(ids(withTags.body().get("included"))).containsExactly(tagId);

        var unknown = api.post("tag_flows", "/api/tags/" + tagId + "/relationships/flows", "{\"data\":[{\"type\":\"flow\",\"id\":\"NOPE12\"}]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/0/id");
        assertThat(api.get("get_tags_for_flow", "/api/flows/NOPE12/tags").status()).isEqualTo(404);

        assertThat(api.delete("remove_tag_from_flows", "/api/tags/" + tagId + "/relationships/flows", link).status()).isEqualTo(204);
        assertThat(api.get("get_tag_ids_for_flow", "/api/flows/" + flow + "/relationships/tags").data()).isEmpty();
        assertThat(api.post("tag_flows", "/api/tags/" + tagId + "/relationships/flows", link).status()).isEqualTo(204);
        assertThat(api.delete("delete_flow", "/api/flows/" + flow, null).status()).isEqualTo(204);
        assertThat(api.get("get_flow_ids_for_tag", "/api/tags/" + tagId + "/relationships/flows").data()).isEmpty();
    }

    @Test
    void aDefinitionThatBreaksItsSchemaIsRefusedWithAPointer() {
        Api api = account(server);
        String list = createList(api, "L");
        String t = listTrigger(list);
        String d = "/data/attributes/definition";
        String[][] cases = {
                {"{\"data\":{\"type\":\"flow\",\"attributes\":{\"definition\":{}}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"flow\",\"attributes\":{\"name\":\" \",\"definition\":{}}}}", "/data/attributes/name"},
                {"{\"data\":{\"type\":\"flow\",\"attributes\":{\"name\":\"X\"}}}", "/data/attributes/definition"},
                {"{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"X\",\"definition\":{}}}}", "/data/type"},
                {body("X", "[]"), d},
                {body("X", "{\"actions\":[],\"entry_action_id\":null}"), d + "/triggers"},
                {body("X", "{\"triggers\":[" + t + "],\"entry_action_id\":null}"), d + "/actions"},
                {body("X", "{\"triggers\":[" + t + "],\"actions\":[]}"), d + "/entry_action_id"},
                {body("X", "{\"triggers\":[" + t + "," + t + "],\"actions\":[],\"entry_action_id\":null}"), d + "/triggers/1"},
                {body("X", "{\"triggers\":[{\"type\":\"webhook\"}],\"actions\":[],\"entry_action_id\":null}"), d + "/triggers/0/type"},
                {body("X", "{\"triggers\":[{\"type\":\"list\"}],\"actions\":[],\"entry_action_id\":null}"), d + "/triggers/0/id"},
                {body("X", "{\"triggers\":[{\"type\":\"date\",\"date_field_type\":\"profile-property\",\"timedelta_value_before_date\":0,"
                        + "\"trigger_time\":\"09:00:00+00:00\"}],\"actions\":[],\"entry_action_id\":null}"), d + "/triggers/0/date_profile_property"},
                {body("X", "{\"triggers\":[],\"actions\":[],\"entry_action_id\":null,\"status\":\"live\"}"), d + "/status"},
                {body("X", "{\"triggers\":[],\"actions\":[],\"entry_action_id\":\"a\"}"), d + "/entry_action_id"},
                {body("X", "{\"triggers\":[],\"actions\":[],\"entry_action_id\":null,\"profile_filter\":{}}"),
                        d + "/profile_filter/condition_groups"},
                {body("X", "{\"triggers\":[],\"actions\":[],\"entry_action_id\":null,\"reentry_criteria\":{\"unit\":\"day\"}}"),
                        d + "/reentry_criteria/duration"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"type\":\"send-email\"}],\"entry_action_id\":null}"),
                        d + "/actions/0/temporary_id"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"id\":\"1\",\"temporary_id\":\"a\",\"type\":\"send-email\"}],\"entry_action_id\":null}"),
                        d + "/actions/0/id"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"temporary_id\":\"a\",\"type\":\"teleport\"}],\"entry_action_id\":null}"),
                        d + "/actions/0/type"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"temporary_id\":\"a\",\"type\":\"send-email\"},"
                        + "{\"temporary_id\":\"a\",\"type\":\"send-sms\"}],\"entry_action_id\":\"a\"}"), d + "/actions/1/temporary_id"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"temporary_id\":\"a\",\"type\":\"send-email\",\"links\":{\"next\":\"b\"}}],"
                        + "\"entry_action_id\":\"a\"}"), d + "/actions/0/links/next"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"temporary_id\":\"a\",\"type\":\"time-delay\"}],\"entry_action_id\":\"a\"}"),
                        d + "/actions/0/data"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"temporary_id\":\"a\",\"type\":\"conditional-split\",\"data\":{}}],"
                        + "\"entry_action_id\":\"a\"}"), d + "/actions/0/data/profile_filter"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"temporary_id\":\"a\",\"type\":\"send-sms\",\"data\":{\"message\":{\"id\":\"5\",\"body\":\"Hi\"}}}],"
                        + "\"entry_action_id\":\"a\"}"), d + "/actions/0/data/message/id"},
                {body("X", "{\"triggers\":[],\"actions\":[{\"temporary_id\":\"a\",\"type\":\"send-sms\",\"data\":{\"status\":\"on\"}}],"
                        + "\"entry_action_id\":\"a\"}"), d + "/actions/0/data/status"}};
        for (String[] c : cases) {
            var r = api.post("create_flow", "/api/flows", c[0]);
            assertThat(r.status()).as(c[0] + " " + r.text()).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("get_flows", "/api/flows").data()).isEmpty();
    }

    @Test
    void branchesAndEveryKindOfTriggerAreKept() {
        Api api = account(server);
        JsonNode flow = create(api, body("Birthday", "{\"triggers\":[{\"type\":\"date\",\"date_field_type\":\"profile-property\","
                + "\"date_profile_property\":\"birthday\",\"timedelta_value_before_date\":0,\"trigger_time\":\"09:00:00+00:00\"}],"
                + "\"profile_filter\":{\"condition_groups\":[]},\"actions\":["
                + "{\"temporary_id\":\"split\",\"type\":\"conditional-split\",\"links\":{\"next_if_true\":\"sms\",\"next_if_false\":null},"
                + "\"data\":{\"profile_filter\":{\"condition_groups\":[]}}},"
                + "{\"temporary_id\":\"sms\",\"type\":\"send-sms\",\"data\":{\"message\":{\"body\":\"Happy birthday!\"}}}],"
                + "\"entry_action_id\":\"split\",\"reentry_criteria\":{\"duration\":1,\"unit\":\"alltime\"}}"));
        JsonNode d = flow.at("/attributes/definition");
        assertThat(flow.at("/attributes/trigger_type").asText()).isEqualTo("Date Based");
        assertThat(d.at("/actions/0/links/next_if_true").asText()).isEqualTo(d.at("/actions/1/id").asText());
        assertThat(d.at("/actions/0/links/next_if_false").isNull()).isTrue();
        assertThat(d.at("/reentry_criteria/unit").asText()).isEqualTo("alltime");
        String message = d.at("/actions/1/data/message/id").asText();
        assertThat(api.get("get_flow_message", "/api/flow-messages/" + message).data().at("/attributes/channel").asText()).isEqualTo("sms");
    }

    static String segment(Api api) {
        var r = api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"Seg\","
                + "\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@nobody.test\"}}]}]}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    static List<String> ids(JsonNode data) {
        return java.util.stream.StreamSupport.stream(data.spliterator(), false).map(d -> d.get("id").asText()).toList();
    }

    static List<String> sorted(String... ids) {
        List<String> out = new ArrayList<>(List.of(ids));
        out.sort(null);
        return out;
    }
}
