package dev.openprofile.messagepages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages a sent message links to, followed from the rendered email as a recipient would: the unsubscribe page
 * confirms, then unsubscribes through consent and records the Unsubscribed event; preferences show the consent; the
 * web view shows the message, sandboxed; a made-up token is a 404 page.
 */
class MessagePagesTest {
    static TestServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRecipientFollowsTheLinksOfTheMessageItReceived() throws Exception {
        TestServer.Account a = server.newAccount("pages-");
        Api api = a.api();
        String list = created(api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"News\"}}}"));
        String ada = created(api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"ada@example.com\",\"first_name\":\"Ada\"}}}"));
        assertThat(api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + ada + "\"}]}").status()).isEqualTo(204);
        String template = created(api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":"
                + "{\"name\":\"Footer\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi {{ first_name }}</p><footer>{% web_view %} "
                + "{% manage_preferences 'Settings' %} {% unsubscribe %} &copy; {% current_year %}</footer>\"}}}"));
        String campaign = created(api.post("create_campaign", "/api/campaigns", "{\"data\":{\"type\":\"campaign\",\"attributes\":"
                + "{\"name\":\"Links\",\"audiences\":{\"included\":[\"" + list + "\"]},\"campaign-messages\":{\"data\":[{\"type\":"
                + "\"campaign-message\",\"attributes\":{\"definition\":{\"channel\":\"email\",\"content\":{\"subject\":\"Hi\","
                + "\"from_email\":\"shop@example.com\"}}}}]}}}}"));
        String message = api.get("get_message_ids_for_campaign", "/api/campaigns/" + campaign + "/relationships/campaign-messages")
                .body().at("/data/0/id").asText();
        assertThat(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template", "{\"data\":{\"type\":"
                + "\"campaign-message\",\"id\":\"" + message + "\",\"relationships\":{\"template\":{\"data\":{\"type\":\"template\","
                + "\"id\":\"" + template + "\"}}}}}").status()).isEqualTo(200);
        assertThat(api.post("send_campaign", "/api/campaign-send-jobs", "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\""
                + campaign + "\"}}").status()).isEqualTo(202);
        server.awaitJobs();

        String html = server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select body_html from outbox_message where campaign_id = ?")) {
                ps.setString(1, campaign);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        String base = server.baseUrl() + "/messages/";
        Matcher links = Pattern.compile("<a href=\"(" + Pattern.quote(base) + "([A-Za-z0-9_-]{24})/(web-view|preferences|unsubscribe))\">"
                + "(View in browser|Settings|Unsubscribe)</a>").matcher(html);
        String token = null;
        int found = 0;
        while (links.find()) {
            found++;
            assertThat(token == null || token.equals(links.group(2))).as("one token per message").isTrue();
            token = links.group(2);
        }
        assertThat(found).as(html).isEqualTo(3);
        assertThat(html).contains("&copy; " + java.time.Year.now(java.time.ZoneOffset.UTC).getValue());

        HttpResponse<String> view = get(base + token + "/web-view");
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).isEqualTo(html);
        assertThat(view.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("sandbox");

        HttpResponse<String> confirm = get(base + token + "/unsubscribe");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("ada@example.com").contains("<form method=\"post\" action=\"/messages/" + token + "/unsubscribe\">");
        assertThat(emailConsent(api, ada).get("consent").asText()).isEqualTo("NEVER_SUBSCRIBED"); // a GET changes nothing

        HttpResponse<String> done = post(base + token + "/unsubscribe");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("will no longer receive email marketing");
        JsonNode consent = emailConsent(api, ada);
        assertThat(consent.get("consent").asText()).isEqualTo("UNSUBSCRIBED");
        assertThat(consent.get("can_receive_email_marketing").asBoolean()).isFalse();
        // Klaviyo's Unsubscribed event, naming the message and the campaign, on the profile's timeline.
        var events = api.get("get_events", "/api/events?filter=" + java.net.URLEncoder.encode("equals(profile_id,\"" + ada + "\")",
                java.nio.charset.StandardCharsets.UTF_8) + "&include=metric");
        JsonNode unsubscribed = null;
        for (JsonNode e : events.body().get("data")) {
            String metricId = e.at("/relationships/metric/data/id").asText();
            for (JsonNode m : events.body().get("included")) {
                if (m.get("id").asText().equals(metricId) && m.at("/attributes/name").asText().equals("Unsubscribed")) unsubscribed = e;
            }
        }
        assertThat(unsubscribed).as(events.text()).isNotNull();
        assertThat(unsubscribed.at("/attributes/event_properties/$message").asText()).isEqualTo(message);
        assertThat(unsubscribed.at("/attributes/event_properties/Campaign Name").asText()).isEqualTo("Links");

        assertThat(post(base + token + "/unsubscribe").body()).contains("was already unsubscribed");
        assertThat(get(base + token + "/preferences").body()).contains("UNSUBSCRIBED").contains("does not receive").doesNotContain("<form");
        HttpResponse<String> unknown = get(base + "AAAAAAAAAAAAAAAAAAAAAAAA/unsubscribe");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(post(base + "AAAAAAAAAAAAAAAAAAAAAAAA/unsubscribe").statusCode()).isEqualTo(404);
    }

    static JsonNode emailConsent(Api api, String profile) {
        return api.get("get_profile", "/api/profiles/" + profile + "?additional-fields[profile]=subscriptions").data()
                .at("/attributes/subscriptions/email/marketing");
    }

    static String created(Api.Response r) {
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return r.data().get("id").asText();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
