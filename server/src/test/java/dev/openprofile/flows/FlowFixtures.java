package dev.openprofile.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;

/** What the flow tests share: fresh accounts, a list to trigger on, and a welcome flow's definition. */
final class FlowFixtures {
    private FlowFixtures() {}

    static Api account(TestServer server) {
        return server.newAccount("flows-").api();
    }

    static String createList(Api api, String name) {
        var r = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data().get("id").asText();
    }

    /** A list-triggered welcome flow: a day's delay, then an email with no template. */
    static String welcome(String name, String trigger) {
        return welcome(name, trigger, null);
    }

    /** A list-triggered welcome flow: a day's delay, then an email naming a template (or none). */
    static String welcome(String name, String trigger, String templateId) {
        return body(name, "{\"triggers\":[" + trigger + "],\"profile_filter\":null,\"actions\":["
                + "{\"temporary_id\":\"wait\",\"type\":\"time-delay\",\"links\":{\"next\":\"mail\"},"
                + "\"data\":{\"unit\":\"days\",\"value\":1,\"timezone\":\"profile\"}},"
                + "{\"temporary_id\":\"mail\",\"type\":\"send-email\",\"links\":{\"next\":null},\"data\":{\"message\":{"
                + "\"from_email\":\"shop@example.com\",\"from_label\":\"Shop\",\"subject_line\":\"Welcome!\","
                + (templateId == null ? "" : "\"template_id\":\"" + templateId + "\",") + "\"name\":\"Welcome email\"}}}],"
                + "\"entry_action_id\":\"wait\"}");
    }

    static String listTrigger(String listId) {
        return "{\"type\":\"list\",\"id\":\"" + listId + "\"}";
    }

    static String body(String name, String definition) {
        return "{\"data\":{\"type\":\"flow\",\"attributes\":{\"name\":\"" + name + "\",\"definition\":" + definition + "}}}";
    }

    static JsonNode create(Api api, String body) {
        var r = api.post("create_flow", "/api/flows?additional-fields[flow]=definition", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    /** A created welcome flow and the ids its definition got: the delay action, the email and the email's message. */
    record Welcome(JsonNode flow, String id, String delay, String mail, String message) {}

    static Welcome welcomeFlow(Api api) {
        JsonNode flow = create(api, welcome("Welcome", listTrigger(createList(api, "L"))));
        return new Welcome(flow, flow.get("id").asText(), flow.at("/attributes/definition/actions/0/id").asText(),
                flow.at("/attributes/definition/actions/1/id").asText(),
                flow.at("/attributes/definition/actions/1/data/message/id").asText());
    }
}
