package dev.openprofile.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the campaign tests share: fresh accounts, audiences, an image, a template and campaign bodies. */
final class CampaignFixtures {
    static final String GIF = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000,\u0000\u0000\u0000\u0000\u0001\u0000\u0001\u0000\u0000"
            + "\u0002\u0002D\u0001\u0000;";

    private CampaignFixtures() {}

    static Api account(TestServer server) {
        return server.newAccount("campaigns-").api();
    }

    static String list(Api api, String name) {
        return created(api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}"));
    }

    static String segment(Api api, String name) {
        return created(api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"" + name
                + "\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"existence\",\"operator\":\"is-set\"}}]}]}}}}"));
    }

    static String image(Api api) {
        String url = "data:image/gif;base64," + Base64.getEncoder().encodeToString(GIF.getBytes(StandardCharsets.ISO_8859_1));
        return created(api.post("upload_image_from_url", "/api/images", "{\"data\":{\"type\":\"image\",\"attributes\":{\"import_from_url\":\""
                + url + "\"}}}"));
    }

    static String template(Api api, String name) {
        return created(api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":{\"name\":\""
                + name + "\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi {{ first_name }}</p>\"}}}"));
    }

    static String created(Api.Response r) {
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return r.data().get("id").asText();
    }

    /** An email campaign to {@code included} lists or segments, excluding {@code excluded} (JSON arrays of ids). */
    static String email(String name, String included, String excluded) {
        return body(name, included, excluded, "{\"channel\":\"email\",\"label\":\"Main\",\"content\":{\"subject\":\"Hello\","
                + "\"from_email\":\"shop@example.com\",\"from_label\":\"Shop\"}}", "");
    }

    static String body(String name, String included, String excluded, String definition, String extra) {
        return "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":\"" + name + "\",\"audiences\":{\"included\":" + included
                + ",\"excluded\":" + excluded + "}" + extra + ",\"campaign-messages\":{\"data\":[{\"type\":\"campaign-message\","
                + "\"attributes\":{\"definition\":" + definition + "}}]}}}}";
    }

    static JsonNode create(Api api, String body) {
        var r = api.post("create_campaign", "/api/campaigns", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static String ids(String... ids) {
        StringBuilder out = new StringBuilder("[");
        for (String id : ids) out.append(out.length() > 1 ? "," : "").append('"').append(id).append('"');
        return out.append(']').toString();
    }

    static void assertError(Api.Response r, int status, String pointer, String detailPart) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode source = r.error().get("source");
        if (pointer.startsWith("/")) assertThat(source.get("pointer").asText()).as(r.text()).isEqualTo(pointer);
        else assertThat(source.get("parameter").asText()).as(r.text()).isEqualTo(pointer);
        assertThat(r.error().get("detail").asText()).contains(detailPart);
    }
}
