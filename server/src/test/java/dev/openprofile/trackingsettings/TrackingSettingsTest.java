package dev.openprofile.trackingsettings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The account's one tracking setting: Klaviyo's defaults on first read, partial updates, validation at pointers. */
class TrackingSettingsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh account and its id (the public key, as get_accounts shows it). */
    record Account(Api api, String id) {}

    static Account account() {
        String name = "tracking-" + UUID.randomUUID();
        Api api = server.api(server.createKey(name, Set.of("*")));
        return new Account(api, server.publicKey(name));
    }

    static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    static String patch(String id, String attributes) {
        return "{\"data\":{\"type\":\"tracking-setting\",\"id\":\"" + id + "\",\"attributes\":" + attributes + "}}";
    }

    @Test
    void anAccountHasOneSettingWithKlaviyosDefaults() throws Exception {
        Account a = account();
        var list = a.api().get("get_tracking_settings", "/api/tracking-settings");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.data().size()).isEqualTo(1);
        JsonNode setting = list.data().get(0);
        assertThat(setting.get("type").asText()).isEqualTo("tracking-setting");
        assertThat(setting.get("id").asText()).isEqualTo(a.id());
        assertThat(a.api().get("get_accounts", "/api/accounts").data().get(0).get("id").asText()).isEqualTo(a.id());
        assertThat(setting.get("attributes")).isEqualTo(json("""
                {"auto_add_parameters":false,
                 "utm_source":{"flow":{"type":"static","value":"Klaviyo"},"campaign":{"type":"static","value":"Klaviyo"}},
                 "utm_medium":{"flow":{"type":"dynamic","value":"message_type"},"campaign":{"type":"dynamic","value":"message_type"}},
                 "utm_campaign":null,"utm_id":null,"utm_term":null,"custom_parameters":[]}"""));
        assertThat(setting.at("/links/self").asText()).endsWith("/api/tracking-settings/" + a.id() + "/");
        var one = a.api().get("get_tracking_setting", "/api/tracking-settings/" + a.id());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.data()).isEqualTo(setting);
        assertThat(server.queryInt("select count(*) from tracking_setting t join account a using (account_id) where a.public_key = '"
                + a.id() + "'")).isEqualTo(1);
        // A second read neither duplicates nor changes it.
        assertThat(a.api().get("get_tracking_settings", "/api/tracking-settings").data().get(0)).isEqualTo(setting);
    }

    @Test
    void anUpdateChangesOnlyWhatItNames() throws Exception {
        Account a = account();
        var r = a.api().patch("update_tracking_setting", "/api/tracking-settings/" + a.id(), patch(a.id(), """
                {"auto_add_parameters":true,
                 "utm_campaign":{"flow":{"type":"dynamic","value":"flow_name"},"campaign":{"type":"dynamic","value":"campaign_name"}},
                 "custom_parameters":[{"name":"klar_source","flow":{"type":"static","value":"klaviyo"},"campaign":null}]}"""));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode attributes = r.data().get("attributes");
        assertThat(attributes.get("auto_add_parameters").asBoolean()).isTrue();
        assertThat(attributes.get("utm_campaign")).isEqualTo(json(
                "{\"flow\":{\"type\":\"dynamic\",\"value\":\"flow_name\"},\"campaign\":{\"type\":\"dynamic\",\"value\":\"campaign_name\"}}"));
        assertThat(attributes.get("custom_parameters")).isEqualTo(json(
                "[{\"name\":\"klar_source\",\"flow\":{\"type\":\"static\",\"value\":\"klaviyo\"},\"campaign\":null}]"));
        assertThat(attributes.at("/utm_source/flow/value").asText()).isEqualTo("Klaviyo");
        assertThat(attributes.get("utm_id").isNull()).isTrue();
        assertThat(a.api().get("get_tracking_setting", "/api/tracking-settings/" + a.id()).data().get("attributes")).isEqualTo(attributes);

        // null keeps the always-on parameters and turns an optional one off.
        var r2 = a.api().patch("update_tracking_setting", "/api/tracking-settings/" + a.id(), patch(a.id(),
                "{\"utm_source\":null,\"auto_add_parameters\":null,\"utm_campaign\":null,\"custom_parameters\":null,"
                        + "\"utm_medium\":{\"campaign\":{\"type\":\"static\",\"value\":\"email\"}}}"));
        assertThat(r2.status()).as(r2.text()).isEqualTo(200);
        JsonNode after = r2.data().get("attributes");
        assertThat(after.get("auto_add_parameters").asBoolean()).isTrue();
        assertThat(after.at("/utm_source/campaign/value").asText()).isEqualTo("Klaviyo");
        assertThat(after.get("utm_campaign").isNull()).isTrue();
        assertThat(after.get("custom_parameters")).isEqualTo(json("[]"));
        assertThat(after.get("utm_medium")).isEqualTo(json("{\"flow\":null,\"campaign\":{\"type\":\"static\",\"value\":\"email\"}}"));

        var sparse = a.api().get("get_tracking_setting", "/api/tracking-settings/" + a.id()
                + "?fields%5Btracking-setting%5D=auto_add_parameters,utm_medium.campaign");
        assertThat(sparse.data().get("attributes")).isEqualTo(json(
                "{\"auto_add_parameters\":true,\"utm_medium\":{\"campaign\":{\"type\":\"static\",\"value\":\"email\"}}}"));
    }

    @Test
    void badInputIsRefusedAtItsPointerAndChangesNothing() {
        Account a = account();
        String path = "/api/tracking-settings/" + a.id();
        JsonNode before = a.api().get("get_tracking_setting", path).data();
        String six = "{\"name\":\"p1\"},{\"name\":\"p2\"},{\"name\":\"p3\"},{\"name\":\"p4\"},{\"name\":\"p5\"},{\"name\":\"p6\"}";
        String[][] cases = {
                {"{\"auto_add_parameters\":\"yes\"}", "/data/attributes/auto_add_parameters"},
                {"{\"utm_source\":{\"flow\":{\"type\":\"dynamic\",\"value\":\"campaign_name\"}}}", "/data/attributes/utm_source/flow/value"},
                {"{\"utm_term\":{\"campaign\":{\"type\":\"dynamic\",\"value\":\"flow_id\"}}}", "/data/attributes/utm_term/campaign/value"},
                {"{\"utm_id\":{\"flow\":{\"type\":\"liquid\",\"value\":\"x\"}}}", "/data/attributes/utm_id/flow/type"},
                {"{\"utm_id\":{\"flow\":{\"type\":\"static\"}}}", "/data/attributes/utm_id/flow/value"},
                {"{\"utm_id\":{\"email\":null}}", "/data/attributes/utm_id/email"},
                {"{\"utm_id\":\"x\"}", "/data/attributes/utm_id"},
                {"{\"custom_parameters\":[{\"flow\":null}]}", "/data/attributes/custom_parameters/0/name"},
                {"{\"custom_parameters\":[{\"name\":\"a\"},{\"name\":\"a\"}]}", "/data/attributes/custom_parameters/1/name"},
                {"{\"custom_parameters\":[" + six + "]}", "/data/attributes/custom_parameters"},
                {"{\"utm_content\":null}", "/data/attributes/utm_content"},
        };
        for (String[] c : cases) {
            var r = a.api().patch("update_tracking_setting", path, patch(a.id(), c[0]));
            assertThat(r.status()).as(c[0] + " " + r.text()).isEqualTo(400);
            assertThat(r.error().get("code").asText()).isEqualTo("invalid");
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        var wrongType = a.api().patch("update_tracking_setting", path,
                "{\"data\":{\"type\":\"account\",\"id\":\"" + a.id() + "\",\"attributes\":{}}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error().at("/source/pointer").asText()).isEqualTo("/data/type");
        var mismatch = a.api().patch("update_tracking_setting", path, patch("OTHER1", "{\"auto_add_parameters\":true}"));
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.error().at("/source/pointer").asText()).isEqualTo("/data/id");
        assertThat(a.api().get("get_tracking_setting", path).data()).isEqualTo(before);
    }

    @Test
    void anotherAccountsSettingIsNotFound() {
        Account a = account();
        Account b = account();
        var get = b.api().get("get_tracking_setting", "/api/tracking-settings/" + a.id());
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.error().get("code").asText()).isEqualTo("not_found");
        assertThat(get.error().at("/source/parameter").asText()).isEqualTo("id");
        var patch = b.api().patch("update_tracking_setting", "/api/tracking-settings/" + a.id(),
                patch(a.id(), "{\"auto_add_parameters\":true}"));
        assertThat(patch.status()).isEqualTo(404);
        assertThat(a.api().get("get_tracking_setting", "/api/tracking-settings/" + a.id()).data()
                .at("/attributes/auto_add_parameters").asBoolean()).isFalse();
    }
}
