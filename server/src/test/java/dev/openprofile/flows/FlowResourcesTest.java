package dev.openprofile.flows;

import static dev.openprofile.flows.FlowFixtures.account;
import static dev.openprofile.flows.FlowFixtures.create;
import static dev.openprofile.flows.FlowFixtures.createList;
import static dev.openprofile.flows.FlowFixtures.listTrigger;
import static dev.openprofile.flows.FlowFixtures.welcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A flow's life through the API: create from a definition, reads of the flow, its actions and messages, status, delete. */
class FlowResourcesTest {
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

    @Test
    void aCreatedFlowIsADraftWithRealIdsInItsDefinition() {
        Api api = account(server);
        String list = createList(api, "Newsletter");
        var tpl = api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":{\"name\":"
                + "\"Welcome\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi</p>\"}}}");
        assertThat(tpl.status()).as(tpl.text()).isEqualTo(201);
        String templateId = tpl.data().get("id").asText();
        // A template the account does not have is a 404 at the message's template_id, and nothing is made.
        var unknown = api.post("create_flow", "/api/flows", welcome("Orphan", listTrigger(list), "NOSUCH"));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/definition/actions/1/data/message/template_id");
        assertThat(api.get("get_flows", "/api/flows").data()).isEmpty();
        JsonNode flow = create(api, welcome("Welcome", listTrigger(list), templateId));
        String id = flow.get("id").asText();
        assertThat(id).matches("[A-Za-z0-9]{6}");
        JsonNode a = flow.get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Welcome");
        assertThat(a.get("status").asText()).isEqualTo("draft");
        assertThat(a.get("archived").asBoolean()).isFalse();
        assertThat(a.get("trigger_type").asText()).isEqualTo("Added to List");
        assertThat(java.time.OffsetDateTime.parse(a.get("created").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(a.get("updated").asText()).isEqualTo(a.get("created").asText());
        JsonNode d = a.get("definition");
        assertThat(d.get("triggers")).hasSize(1);
        assertThat(d.at("/triggers/0/id").asText()).isEqualTo(list);
        JsonNode wait = d.at("/actions/0");
        JsonNode mail = d.at("/actions/1");
        assertThat(wait.get("type").asText()).isEqualTo("time-delay");
        assertThat(wait.has("temporary_id")).isFalse();
        assertThat(wait.get("id").asText()).matches("\\d+");
        assertThat(d.get("entry_action_id").asText()).isEqualTo(wait.get("id").asText());
        assertThat(wait.at("/links/next").asText()).isEqualTo(mail.get("id").asText());
        assertThat(mail.at("/links/next").isNull()).isTrue();
        assertThat(mail.at("/data/status").asText()).isEqualTo("draft");
        assertThat(mail.at("/data/message/subject_line").asText()).isEqualTo("Welcome!");
        String messageId = mail.at("/data/message/id").asText();
        assertThat(messageId).matches("\\d+");

        // Without additional-fields the definition is not shown; with it, get_flow shows what create answered.
        assertThat(api.get("get_flow", "/api/flows/" + id).data().get("attributes").has("definition")).isFalse();
        assertThat(api.get("get_flow", "/api/flows/" + id + "?additional-fields[flow]=definition").data()).isEqualTo(flow);

        var action = api.get("get_flow_action", "/api/flow-actions/" + mail.get("id").asText() + "?include=flow,flow-messages");
        assertThat(action.status()).as(action.text()).isEqualTo(200);
        assertThat(action.data().at("/attributes/definition")).isEqualTo(mail);
        assertThat(action.data().at("/relationships/flow/data/id").asText()).isEqualTo(id);
        assertThat(action.data().at("/relationships/flow-messages/data/0/id").asText()).isEqualTo(messageId);
        assertThat(action.body().get("included")).hasSize(2);

        var message = api.get("get_flow_message", "/api/flow-messages/" + messageId + "?include=flow-action");
        assertThat(message.status()).as(message.text()).isEqualTo(200);
        assertThat(message.data().at("/attributes/channel").asText()).isEqualTo("email");
        assertThat(message.data().at("/attributes/definition")).isEqualTo(mail.at("/data/message"));
        assertThat(message.data().at("/relationships/flow-action/data/id").asText()).isEqualTo(mail.get("id").asText());
        assertThat(message.body().at("/included/0/id").asText()).isEqualTo(mail.get("id").asText());
        // The message's template, from the message's side.
        assertThat(message.data().at("/relationships/template/data/id").asText()).isEqualTo(templateId);
        var template = api.get("get_template_for_flow_message", "/api/flow-messages/" + messageId + "/template");
        assertThat(template.status()).as(template.text()).isEqualTo(200);
        assertThat(template.data().get("id").asText()).isEqualTo(templateId);
        assertThat(template.data().at("/attributes/name").asText()).isEqualTo("Welcome");
        var templateId2 = api.get("get_template_id_for_flow_message", "/api/flow-messages/" + messageId + "/relationships/template");
        assertThat(templateId2.data().get("id").asText()).isEqualTo(templateId);
        var included = api.get("get_flow_message", "/api/flow-messages/" + messageId + "?include=template");
        assertThat(included.body().at("/included/0/type").asText()).isEqualTo("template");
        // A message without a template: no linkage, and the related read is null.
        String bare = FlowFixtures.welcomeFlow(api).message();
        assertThat(api.get("get_flow_message", "/api/flow-messages/" + bare).data().at("/relationships/template").has("data")).isFalse();
        var none = api.get("get_template_for_flow_message", "/api/flow-messages/" + bare + "/template");
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.body().get("data").isNull()).isTrue();
    }

    @Test
    void aDeletedTemplateLeavesTheMessageWithoutOne() {
        Api api = account(server);
        var tpl = api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":{\"name\":"
                + "\"Gone\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi</p>\"}}}");
        assertThat(tpl.status()).as(tpl.text()).isEqualTo(201);
        String templateId = tpl.data().get("id").asText();
        JsonNode flow = create(api, welcome("Welcome", listTrigger(createList(api, "L")), templateId));
        String messageId = flow.at("/attributes/definition/actions/1/data/message/id").asText();
        assertThat(api.delete("delete_template", "/api/templates/" + templateId, null).status()).isEqualTo(204);
        var related = api.get("get_template_for_flow_message", "/api/flow-messages/" + messageId + "/template");
        assertThat(related.status()).as(related.text()).isEqualTo(200);
        assertThat(related.body().get("data").isNull()).isTrue();
        var ids = api.get("get_template_id_for_flow_message", "/api/flow-messages/" + messageId + "/relationships/template");
        assertThat(ids.status()).as(ids.text()).isEqualTo(200);
        assertThat(ids.body().get("data").isNull()).isTrue();
        var message = api.get("get_flow_message", "/api/flow-messages/" + messageId + "?include=template");
        assertThat(message.status()).as(message.text()).isEqualTo(200);
        assertThat(message.data().at("/relationships/template").has("data")).isFalse();
    }

    @Test
    void relationshipEndpointsReadBothWays() {
        Api api = account(server);
        FlowFixtures.Welcome w = FlowFixtures.welcomeFlow(api);
        String id = w.id(), wait = w.delay(), mail = w.mail(), message = w.message();

        var actions = api.get("get_actions_for_flow", "/api/flows/" + id + "/flow-actions");
        assertThat(actions.status()).as(actions.text()).isEqualTo(200);
        assertThat(actions.data()).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder(wait, mail);
        var emails = api.get("get_actions_for_flow", "/api/flows/" + id + "/flow-actions?filter=equals(action_type,%22send-email%22)");
        assertThat(emails.data()).extracting(n -> n.get("id").asText()).containsExactly(mail);
        var drafts = api.get("get_action_ids_for_flow", "/api/flows/" + id + "/relationships/flow-actions?filter=equals(status,%22draft%22)");
        assertThat(drafts.data()).extracting(n -> n.get("id").asText()).containsExactly(mail);
        assertThat(api.get("get_action_ids_for_flow", "/api/flows/" + id + "/relationships/flow-actions?sort=-action_type").data())
                .extracting(n -> n.get("id").asText()).containsExactly(wait, mail);

        assertThat(api.get("get_flow_for_flow_action", "/api/flow-actions/" + wait + "/flow").data().get("id").asText()).isEqualTo(id);
        assertThat(api.get("get_flow_id_for_flow_action", "/api/flow-actions/" + wait + "/relationships/flow").data())
                .hasToString("{\"type\":\"flow\",\"id\":\"" + id + "\"}");
        assertThat(api.get("get_flow_action_messages", "/api/flow-actions/" + mail + "/flow-messages").data())
                .extracting(n -> n.get("id").asText()).containsExactly(message);
        assertThat(api.get("get_flow_action_messages", "/api/flow-actions/" + wait + "/flow-messages").data()).isEmpty();
        assertThat(api.get("get_message_ids_for_flow_action", "/api/flow-actions/" + mail
                + "/relationships/flow-messages?filter=equals(name,%22Welcome%20email%22)").data()).hasSize(1);
        assertThat(api.get("get_message_ids_for_flow_action", "/api/flow-actions/" + mail
                + "/relationships/flow-messages?filter=equals(name,%22Other%22)").data()).isEmpty();
        assertThat(api.get("get_action_for_flow_message", "/api/flow-messages/" + message + "/flow-action").data().get("id").asText())
                .isEqualTo(mail);
        assertThat(api.get("get_action_id_for_flow_message", "/api/flow-messages/" + message + "/relationships/flow-action").data()
                .get("id").asText()).isEqualTo(mail);

        var included = api.get("get_flow", "/api/flows/" + id + "?include=flow-actions");
        assertThat(included.data().at("/relationships/flow-actions/data")).hasSize(2);
        assertThat(included.body().get("included")).hasSize(2);
    }

    @Test
    void getFlowsFiltersAndSorts() {
        Api api = account(server);
        String list = createList(api, "L");
        create(api, welcome("Alpha welcome", listTrigger(list)));
        clock.advance(Duration.ofMinutes(1));
        String beta = create(api, welcome("Beta", "{\"type\":\"metric\",\"id\":\"" + metric(api) + "\"}")).get("id").asText();
        clock.advance(Duration.ofMinutes(1));
        String gamma = create(api, FlowFixtures.body("Gamma", "{\"triggers\":[],\"actions\":[],\"entry_action_id\":null}"))
                .get("id").asText();
        assertThat(api.get("get_flow", "/api/flows/" + gamma).data().at("/attributes/trigger_type").asText()).isEqualTo("Unconfigured");
        assertThat(names(api.get("get_flows", "/api/flows?sort=-created").data())).containsExactly("Gamma", "Beta", "Alpha welcome");
        assertThat(names(api.get("get_flows", "/api/flows?sort=name").data())).containsExactly("Alpha welcome", "Beta", "Gamma");
        assertThat(names(api.get("get_flows", "/api/flows?filter=contains(name,%22welcome%22)").data())).containsExactly("Alpha welcome");
        assertThat(names(api.get("get_flows", "/api/flows?filter=equals(trigger_type,%22Metric%22)").data())).containsExactly("Beta");
        assertThat(api.patch("update_flow", "/api/flows/" + beta, status(beta, "live")).status()).isEqualTo(200);
        assertThat(names(api.get("get_flows", "/api/flows?filter=equals(status,%22live%22)").data())).containsExactly("Beta");
        assertThat(names(api.get("get_flows", "/api/flows?filter=and(equals(archived,false),greater-than(created,"+ clock.instant().minusSeconds(90) + "))&sort=created")
                .data())).containsExactly("Beta", "Gamma");
        var page = api.get("get_flows", "/api/flows?page[size]=2&sort=name");
        assertThat(page.data()).hasSize(2);
        assertThat(page.body().at("/links/next").asText()).contains("page%5Bcursor%5D");
        var bad = api.get("get_flows", "/api/flows?filter=equals(trigger_type,%22Nope%22)");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/parameter").asText()).isEqualTo("filter");
    }

    @Test
    void updatingTheStatusMovesTheActionsWithIt() {
        Api api = account(server);
        FlowFixtures.Welcome w = FlowFixtures.welcomeFlow(api);
        String id = w.id(), mail = w.mail();
        clock.advance(Duration.ofMinutes(5));
        var live = api.patch("update_flow", "/api/flows/" + id, status(id, "live"));
        assertThat(live.status()).as(live.text()).isEqualTo(200);
        assertThat(live.data().at("/attributes/status").asText()).isEqualTo("live");
        assertThat(java.time.OffsetDateTime.parse(live.data().at("/attributes/updated").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(api.get("get_flow_action", "/api/flow-actions/" + mail).data().at("/attributes/definition/data/status").asText())
                .isEqualTo("live");
        assertThat(api.get("get_action_ids_for_flow", "/api/flows/" + id + "/relationships/flow-actions?filter=equals(status,%22live%22)")
                .data()).hasSize(1);
        assertThat(api.patch("update_flow", "/api/flows/" + id, status(id, "manual")).data().at("/attributes/status").asText())
                .isEqualTo("manual");

        var bad = api.patch("update_flow", "/api/flows/" + id, status(id, "archived"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/status");
        var missing = api.patch("update_flow", "/api/flows/" + id, "{\"data\":{\"type\":\"flow\",\"id\":\"" + id + "\",\"attributes\":{}}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/status");
        var name = api.patch("update_flow", "/api/flows/" + id, "{\"data\":{\"type\":\"flow\",\"id\":\"" + id
                + "\",\"attributes\":{\"status\":\"live\",\"name\":\"x\"}}}");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/name");
        assertThat(api.patch("update_flow", "/api/flows/" + id, status("OTHER1", "live")).status()).isEqualTo(409);
        assertThat(api.patch("update_flow", "/api/flows/NOPE12", status("NOPE12", "live")).status()).isEqualTo(404);
        assertThat(api.get("get_flow", "/api/flows/" + id).data().at("/attributes/status").asText()).isEqualTo("manual");
    }

    @Test
    void anActionsDefinitionIsReplacedAndItsMessageKeepsItsId() {
        Api api = account(server);
        FlowFixtures.Welcome w = FlowFixtures.welcomeFlow(api);
        JsonNode flow = w.flow();
        String wait = w.delay(), mail = w.mail(), message = w.message();
        var updated = api.patch("update_flow_action", "/api/flow-actions/" + mail, actionBody(mail, "{\"type\":\"send-email\","
                + "\"links\":{\"next\":\"" + wait + "\"},\"data\":{\"status\":\"manual\",\"message\":{\"subject_line\":\"Hello again\","
                + "\"name\":\"Second\"}}}"));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode d = updated.data().at("/attributes/definition");
        assertThat(d.get("id").asText()).isEqualTo(mail);
        assertThat(d.at("/links/next").asText()).isEqualTo(wait);
        assertThat(d.at("/data/status").asText()).isEqualTo("manual");
        assertThat(d.at("/data/message/id").asText()).isEqualTo(message);
        assertThat(api.get("get_flow_message", "/api/flow-messages/" + message).data().at("/attributes/definition/subject_line").asText())
                .isEqualTo("Hello again");
        assertThat(api.get("get_flow", "/api/flows/" + flow.get("id").asText() + "?additional-fields[flow]=definition").data()
                .at("/attributes/definition/actions/1")).isEqualTo(d);

        // A definition without a message keeps the message; one without a status keeps the status.
        var kept = api.patch("update_flow_action", "/api/flow-actions/" + mail, actionBody(mail, "{\"type\":\"send-email\"}"));
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.data().at("/attributes/definition/data/status").asText()).isEqualTo("manual");
        assertThat(kept.data().at("/attributes/definition/data/message/id").asText()).isEqualTo(message);

        String[][] refused = {
                {"{\"type\":\"send-sms\"}", "/data/attributes/definition/type"},
                {"{\"type\":\"send-email\",\"temporary_id\":\"x\"}", "/data/attributes/definition/temporary_id"},
                {"{\"type\":\"send-email\",\"id\":\"1\"}", "/data/attributes/definition/id"},
                {"{\"type\":\"send-email\",\"links\":{\"next\":\"999\"}}", "/data/attributes/definition/links/next"},
                {"{\"type\":\"send-email\",\"links\":{\"next_if_true\":null}}", "/data/attributes/definition/links/next_if_true"},
                {"{\"type\":\"send-email\",\"data\":{\"status\":\"paused\"}}", "/data/attributes/definition/data/status"},
                {"{\"type\":\"send-email\",\"data\":{\"message\":{\"id\":\"1\"}}}", "/data/attributes/definition/data/message/id"},
                {"{\"type\":\"send-email\",\"data\":{\"message\":[]}}", "/data/attributes/definition/data/message"},
                {"{\"type\":\"send-email\",\"extra\":1}", "/data/attributes/definition/extra"},
                {"[]", "/data/attributes/definition"}};
        for (String[] r : refused) {
            var bad = api.patch("update_flow_action", "/api/flow-actions/" + mail, actionBody(mail, r[0]));
            assertThat(bad.status()).as(r[0] + " " + bad.text()).isEqualTo(400);
            assertThat(bad.error().at("/source/pointer").asText()).as(r[0]).isEqualTo(r[1]);
        }
        var delay = api.patch("update_flow_action", "/api/flow-actions/" + wait, actionBody(wait, "{\"type\":\"time-delay\",\"data\":{}}"));
        assertThat(delay.status()).isEqualTo(400);
        assertThat(delay.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/definition/data/value");
        assertThat(api.patch("update_flow_action", "/api/flow-actions/999", actionBody("999", "{\"type\":\"send-email\"}")).status())
                .isEqualTo(404);
        assertThat(api.get("get_flow_action", "/api/flow-actions/" + mail).data().at("/attributes/definition")).isEqualTo(kept.data()
                .at("/attributes/definition"));
    }

    @Test
    void deletingAnActionLinksPastItAndDeletingAFlowTakesEverything() {
        Api api = account(server);
        FlowFixtures.Welcome w = FlowFixtures.welcomeFlow(api);
        String id = w.id(), wait = w.delay(), mail = w.mail(), message = w.message();
        assertThat(api.delete("delete_flow_action", "/api/flow-actions/" + wait, null).status()).isEqualTo(204);
        JsonNode d = api.get("get_flow", "/api/flows/" + id + "?additional-fields[flow]=definition").data().at("/attributes/definition");
        assertThat(d.get("actions")).hasSize(1);
        assertThat(d.get("entry_action_id").asText()).isEqualTo(mail);
        assertThat(api.get("get_flow_action", "/api/flow-actions/" + wait).status()).isEqualTo(404);
        assertThat(api.delete("delete_flow_action", "/api/flow-actions/" + wait, null).status()).isEqualTo(404);

        assertThat(api.delete("delete_flow", "/api/flows/" + id, null).status()).isEqualTo(204);
        assertThat(api.get("get_flow", "/api/flows/" + id).status()).isEqualTo(404);
        assertThat(api.get("get_flow_action", "/api/flow-actions/" + mail).status()).isEqualTo(404);
        assertThat(api.get("get_flow_message", "/api/flow-messages/" + message).status()).isEqualTo(404);
        assertThat(api.delete("delete_flow", "/api/flows/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsFlowsAreNotFound() {
        Api api = account(server);
        FlowFixtures.Welcome w = FlowFixtures.welcomeFlow(api);
        Api other = account(server);
        String mail = w.mail();
        assertThat(other.get("get_flow", "/api/flows/" + w.id()).status()).isEqualTo(404);
        assertThat(other.get("get_flow_action", "/api/flow-actions/" + mail).status()).isEqualTo(404);
        assertThat(other.get("get_flows", "/api/flows").data()).isEmpty();
        assertThat(other.patch("update_flow_action", "/api/flow-actions/" + mail, actionBody(mail, "{\"type\":\"send-email\"}")).status())
                .isEqualTo(404);
        assertThat(other.delete("delete_flow_action", "/api/flow-actions/" + mail, null).status()).isEqualTo(404);
    }

    @Test
    void sparseFieldsetsReachIntoDefinitionsAndUnknownIdsAreNotFound() {
        Api api = account(server);
        FlowFixtures.Welcome w = FlowFixtures.welcomeFlow(api);
        var action = api.get("get_flow_action", "/api/flow-actions/" + w.mail() + "?fields[flow-action]=definition.data.message.subject_line");
        assertThat(action.status()).as(action.text()).isEqualTo(200);
        assertThat(action.data().at("/attributes/definition/data/message/subject_line").asText()).isEqualTo("Welcome!");
        assertThat(action.data().at("/attributes/definition/data/message").size()).isEqualTo(1);
        assertThat(action.data().at("/attributes").has("created")).isFalse();
        var flow = api.get("get_flow", "/api/flows/" + w.id() + "?fields[flow]=name,definition.entry_action_id&additional-fields[flow]=definition");
        assertThat(flow.data().get("attributes").size()).isEqualTo(2);
        assertThat(flow.data().at("/attributes/definition/entry_action_id").asText()).isEqualTo(w.delay());
        for (String[] r : new String[][] {{"get_flow", "/api/flows/NOPE12"}, {"get_actions_for_flow", "/api/flows/NOPE12/flow-actions"},
                {"get_action_ids_for_flow", "/api/flows/NOPE12/relationships/flow-actions"}, {"get_tags_for_flow", "/api/flows/NOPE12/tags"},
                {"get_tag_ids_for_flow", "/api/flows/NOPE12/relationships/tags"}, {"get_flow_action", "/api/flow-actions/1"},
                {"get_flow_for_flow_action", "/api/flow-actions/1/flow"}, {"get_flow_id_for_flow_action", "/api/flow-actions/1/relationships/flow"},
                {"get_flow_action_messages", "/api/flow-actions/1/flow-messages"},
                {"get_message_ids_for_flow_action", "/api/flow-actions/1/relationships/flow-messages"},
                {"get_flow_message", "/api/flow-messages/1"}, {"get_action_for_flow_message", "/api/flow-messages/1/flow-action"},
                {"get_action_id_for_flow_message", "/api/flow-messages/1/relationships/flow-action"}}) {
            var r404 = api.get(r[0], r[1]);
            assertThat(r404.status()).as(r[0]).isEqualTo(404);
            assertThat(r404.error().get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void concurrentWritesToOneFlowQueueAndLeaveItConsistent() throws Exception {
        Api api = account(server);
        FlowFixtures.Welcome w = FlowFixtures.welcomeFlow(api);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String status = FlowInput.FLOW_STATUSES.get(i % 3);
                results.add(pool.submit(() -> write(api, w, status)));
            }
            for (var f : results) assertThat(f.get()).isEqualTo(200);
        } finally {
            pool.shutdown();
        }
        String flowStatus = api.get("get_flow", "/api/flows/" + w.id()).data().at("/attributes/status").asText();
        JsonNode mail = api.get("get_flow_action", "/api/flow-actions/" + w.mail()).data();
        assertThat(mail.at("/attributes/definition/data/message/id").asText()).isEqualTo(w.message());
        assertThat(FlowInput.FLOW_STATUSES).contains(flowStatus);
        assertThat(api.get("get_flow_action_messages", "/api/flow-actions/" + w.mail() + "/flow-messages").data()).hasSize(1);
    }

    /** One of the concurrent writes: a status change of the flow, or a new subject for its email. */
    private static int write(Api api, FlowFixtures.Welcome w, String status) {
        if (status.equals("manual")) {
            return api.patch("update_flow_action", "/api/flow-actions/" + w.mail(), actionBody(w.mail(),
                    "{\"type\":\"send-email\",\"data\":{\"message\":{\"subject_line\":\"Concurrent\"}}}")).status();
        }
        return api.patch("update_flow", "/api/flows/" + w.id(), status(w.id(), status)).status();
    }

    static String metric(Api api) {
        var r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Started Checkout\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"a@example.com\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return api.get("get_metrics", "/api/metrics").data().get(0).get("id").asText();
    }

    static String status(String id, String status) {
        return "{\"data\":{\"type\":\"flow\",\"id\":\"" + id + "\",\"attributes\":{\"status\":\"" + status + "\"}}}";
    }

    static String actionBody(String id, String definition) {
        return "{\"data\":{\"type\":\"flow-action\",\"id\":\"" + id + "\",\"attributes\":{\"definition\":" + definition + "}}}";
    }

    static java.util.List<String> names(JsonNode data) {
        java.util.List<String> out = new java.util.ArrayList<>();
        data.forEach(d -> out.add(d.at("/attributes/name").asText()));
        return out;
    }
}
