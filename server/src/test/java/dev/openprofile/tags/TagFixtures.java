package dev.openprofile.tags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the tag tests share: fresh accounts, creating tags and groups, reading names. */
final class TagFixtures {
    private TagFixtures() {}

    /** An account of its own (the default group and the limits are an account's): its id and an all-scopes caller. */
    record Account(String id, Api api) {}

    static Account account(TestServer server) {
        TestServer.Account a = server.newAccount("tags-");
        return new Account(a.id(), a.api());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String tagBody(String name, String groupId) {
        return "{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":\"" + name + "\"}"
                + (groupId == null ? "" : ",\"relationships\":{\"tag-group\":{\"data\":{\"type\":\"tag-group\",\"id\":\"" + groupId + "\"}}}")
                + "}}";
    }

    static JsonNode createTag(Api api, String name, String groupId) {
        var r = api.post("create_tag", "/api/tags", tagBody(name, groupId));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static JsonNode createGroup(Api api, String name, Boolean exclusive) {
        var r = api.post("create_tag_group", "/api/tag-groups", "{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"" + name + "\""
                + (exclusive == null ? "" : ",\"exclusive\":" + exclusive) + "}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static List<String> names(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.at("/attributes/name").asText()));
        return out;
    }
}
