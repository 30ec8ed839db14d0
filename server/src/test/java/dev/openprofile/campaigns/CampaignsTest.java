package dev.openprofile.campaigns;

import static dev.openprofile.campaigns.CampaignFixtures.account;
import static dev.openprofile.campaigns.CampaignFixtures.assertError;
import static dev.openprofile.campaigns.CampaignFixtures.body;
import static dev.openprofile.campaigns.CampaignFixtures.create;
import static dev.openprofile.campaigns.CampaignFixtures.email;
import static dev.openprofile.campaigns.CampaignFixtures.ids;
import static dev.openprofile.campaigns.CampaignFixtures.list;
import static dev.openprofile.campaigns.CampaignFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A campaign's life through the API: create with its message, reads and filters, update by status, clone, delete. */
class CampaignsTest {
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
    void aNewCampaignIsADraftWithItsMessageAndTheDocumentedDefaults() {
        Api api = account(server);
        String news = list(api, "News");
        String vip = segment(api, "VIP");
        JsonNode c = create(api, email("October", ids(news, news), ids(vip)));
        JsonNode a = c.get("attributes");
        assertThat(c.get("id").asText()).matches("[0-9A-Z]{26}");
        assertThat(a.get("name").asText()).isEqualTo("October");
        assertThat(a.get("status").asText()).isEqualTo("Draft");
        assertThat(a.get("archived").asBoolean()).isFalse();
        assertThat(a.at("/audiences/included")).hasSize(1);
        assertThat(a.at("/audiences/included/0").asText()).isEqualTo(news);
        assertThat(a.at("/audiences/excluded/0").asText()).isEqualTo(vip);
        assertThat(a.get("send_strategy")).isEqualTo(tree("{\"method\":\"immediate\"}"));
        assertThat(a.get("send_options")).isEqualTo(tree("{\"use_smart_sending\":true}"));
        assertThat(a.get("tracking_options")).isEqualTo(tree("{\"add_tracking_params\":false,\"custom_tracking_params\":null,"
                + "\"is_tracking_clicks\":true,\"is_tracking_opens\":true}"));
        assertThat(OffsetDateTime.parse(a.get("created_at").asText()).toInstant()).isEqualTo(clock.instant());
        assertThat(a.get("updated_at").asText()).isEqualTo(a.get("created_at").asText());
        assertThat(a.get("scheduled_at").isNull()).isTrue();
        assertThat(a.get("send_time").isNull()).isTrue();
        assertThat(a.has("channel")).isFalse();
        // Relationship data shows when included (the kit's rule for every to-many); the message is there.
        var included = api.get("get_campaign", "/api/campaigns/" + c.get("id").asText() + "?include=campaign-messages");
        JsonNode messages = included.data().at("/relationships/campaign-messages/data");
        assertThat(messages).hasSize(1);
        String messageId = messages.get(0).get("id").asText();
        assertThat(included.body().at("/included/0/id").asText()).isEqualTo(messageId);

        var m = api.get("get_campaign_message", "/api/campaign-messages/" + messageId + "?include=campaign");
        assertThat(m.status()).as(m.text()).isEqualTo(200);
        JsonNode d = m.data().at("/attributes/definition");
        assertThat(d.get("channel").asText()).isEqualTo("email");
        assertThat(d.get("label").asText()).isEqualTo("Main");
        assertThat(d.at("/content/subject").asText()).isEqualTo("Hello");
        assertThat(d.at("/content/preview_text").isNull()).isTrue();
        assertThat(m.data().at("/attributes/send_times").isNull()).isTrue();
        assertThat(m.data().at("/relationships/campaign/data/id").asText()).isEqualTo(c.get("id").asText());
        assertThat(m.body().at("/included/0/id").asText()).isEqualTo(c.get("id").asText());
        assertThat(api.get("get_campaign", "/api/campaigns/" + c.get("id").asText()).data()).isEqualTo(c);
        assertThat(api.get("get_campaign_id_for_campaign_message", "/api/campaign-messages/" + messageId + "/relationships/campaign")
                .data().get("id").asText()).isEqualTo(c.get("id").asText());
        assertThat(api.get("get_campaign_for_campaign_message", "/api/campaign-messages/" + messageId + "/campaign")
                .data().get("id").asText()).isEqualTo(c.get("id").asText());
        var related = api.get("get_messages_for_campaign", "/api/campaigns/" + c.get("id").asText() + "/campaign-messages");
        assertThat(related.data()).hasSize(1);
        assertThat(related.data().get(0)).isEqualTo(m.data());
        assertThat(api.get("get_message_ids_for_campaign", "/api/campaigns/" + c.get("id").asText() + "/relationships/campaign-messages")
                .data().get(0).get("id").asText()).isEqualTo(messageId);
    }

    @Test
    void smsAndPushCampaignsKeepTheirChannelsShapes() {
        Api api = account(server);
        String l = list(api, "L");
        JsonNode sms = create(api, body("Text", ids(l), "null", "{\"channel\":\"sms\",\"content\":{\"body\":\"Hi\"}}",
                ",\"send_strategy\":{\"method\":\"static\",\"datetime\":\"2026-10-02T09:00:00+02:00\",\"options\":{\"is_local\":true}}"
                        + ",\"tracking_options\":{\"add_tracking_params\":true,\"custom_tracking_params\":[{\"type\":\"dynamic\","
                        + "\"value\":\"campaign_id\",\"name\":\"utm_id\"}]}"));
        JsonNode a = sms.get("attributes");
        assertThat(a.at("/audiences/excluded")).isEmpty();
        assertThat(a.get("send_strategy")).isEqualTo(tree("{\"method\":\"static\",\"datetime\":\"2026-10-02T07:00:00+00:00\","
                + "\"options\":{\"is_local\":true,\"send_past_recipients_immediately\":false}}"));
        assertThat(a.get("tracking_options")).isEqualTo(tree("{\"add_tracking_params\":true,\"custom_tracking_params\":"
                + "[{\"type\":\"dynamic\",\"value\":\"campaign_id\",\"name\":\"utm_id\"}]}"));
        String smsMessage = message(api, sms);
        JsonNode def = api.get("get_campaign_message", "/api/campaign-messages/" + smsMessage).data().at("/attributes/definition");
        assertThat(def).isEqualTo(tree("{\"channel\":\"sms\",\"content\":{\"body\":\"Hi\"},\"render_options\":{\"shorten_links\":true,"
                + "\"add_org_prefix\":true,\"add_info_link\":true,\"add_opt_out_language\":false}}"));

        JsonNode push = create(api, body("Push", ids(l), "[]", "{\"channel\":\"mobile_push\",\"content\":{\"title\":\"T\",\"body\":\"B\"}}",
                ",\"send_strategy\":{\"method\":\"throttled\",\"datetime\":\"2026-10-02T09:00:00Z\",\"throttle_percentage\":25}"));
        assertThat(push.at("/attributes/tracking_options").isNull()).isTrue();
        assertThat(push.at("/attributes/send_strategy/throttle_percentage").asInt()).isEqualTo(25);
        JsonNode pushDef = api.get("get_campaign_message", "/api/campaign-messages/" + message(api, push)).data().at("/attributes/definition");
        assertThat(pushDef.get("notification_type").asText()).isEqualTo("standard");
        assertThat(pushDef.at("/content/body").asText()).isEqualTo("B");

        // get_campaigns needs the channel, and answers only that channel's campaigns.
        assertError(api.get("get_campaigns", "/api/campaigns"), 400, "filter", "required");
        assertError(api.get("get_campaigns", "/api/campaigns?filter=contains(name,'Text')"), 400, "filter", "channel");
        assertThat(names(api.get("get_campaigns", "/api/campaigns?filter=equals(messages.channel,'sms')"))).containsExactly("Text");
        assertThat(names(api.get("get_campaigns", "/api/campaigns?filter=equals(messages.channel,'mobile_push')"))).containsExactly("Push");
        assertThat(names(api.get("get_campaigns", "/api/campaigns?filter=equals(messages.channel,'email')"))).isEmpty();
    }

    @Test
    void getCampaignsFiltersSortsAndIncludes() {
        Api api = account(server);
        String l = list(api, "L");
        String first = create(api, email("Alpha sale", ids(l), "[]")).get("id").asText();
        clock.advance(java.time.Duration.ofMinutes(1));
        String second = create(api, email("Beta news", ids(l), "[]")).get("id").asText();
        clock.advance(java.time.Duration.ofMinutes(1));
        create(api, email("Gamma sale", ids(l), "[]"));
        String email = "/api/campaigns?filter=equals(messages.channel,'email')";
        assertThat(names(api.get("get_campaigns", email + ",contains(name,'sale')&sort=-name"))).containsExactly("Gamma sale", "Alpha sale");
        assertThat(names(api.get("get_campaigns", email + ",equals(status,'Draft')&sort=created_at")))
                .containsExactly("Alpha sale", "Beta news", "Gamma sale");
        assertThat(names(api.get("get_campaigns", email + ",any(id,['" + first + "','" + second + "'])&sort=-created_at")))
                .containsExactly("Beta news", "Alpha sale");
        assertThat(names(api.get("get_campaigns", email + ",greater-than(created_at," + clock.instant().minusSeconds(90) + ")&sort=name")))
                .containsExactly("Beta news", "Gamma sale");
        assertThat(names(api.get("get_campaigns", email + ",equals(archived,true)"))).isEmpty();
        assertThat(names(api.get("get_campaigns", email + ",any(status,['Sent','Scheduled'])"))).isEmpty();
        var withMessages = api.get("get_campaigns", email + "&include=campaign-messages&page[size]=2&sort=name");
        assertThat(withMessages.status()).as(withMessages.text()).isEqualTo(200);
        assertThat(withMessages.data()).hasSize(2);
        assertThat(withMessages.body().get("included")).hasSize(2);
        assertThat(withMessages.body().at("/links/next").asText()).contains("page%5Bcursor%5D");
        assertError(api.get("get_campaigns", email + ",equals(name,'x')"), 400, "filter", "name");
    }

    @Test
    void createRefusesBadBodiesAndUnknownAudiencesAndStoresNothing() {
        Api api = account(server);
        String l = list(api, "L");
        String def = "{\"channel\":\"email\"}";
        assertError(api.post("create_campaign", "/api/campaigns", email("X", ids("NOSUCH"), "[]")), 404,
                "/data/attributes/audiences/included/0", "NOSUCH");
        assertError(api.post("create_campaign", "/api/campaigns", email("X", ids(l), ids("GONE"))), 404,
                "/data/attributes/audiences/excluded/0", "GONE");
        assertError(api.post("create_campaign", "/api/campaigns", email("X", ids(l), ids(l))), 400,
                "/data/attributes/audiences/excluded/0", "both included and excluded");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", "null", "[]", def, "")), 400,
                "/data/attributes/audiences/included", "required");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", "{\"channel\":\"fax\"}", "")), 400,
                "/data/attributes/campaign-messages/data/0/attributes/definition/channel", "'email'");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", "{\"channel\":\"email\",\"body\":\"x\"}", "")), 400,
                "/data/attributes/campaign-messages/data/0/attributes/definition/body", "not allowed");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", "{\"channel\":\"mobile_push\",\"content\":{}}",
                "")), 400, "/data/attributes/campaign-messages/data/0/attributes/definition/content/body", "body");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", def,
                ",\"send_strategy\":{\"method\":\"throttled\",\"datetime\":\"2026-10-02T09:00:00Z\",\"throttle_percentage\":3}")), 400,
                "/data/attributes/send_strategy/throttle_percentage", "one of");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", def,
                ",\"send_strategy\":{\"method\":\"static\",\"datetime\":\"tomorrow\"}")), 400, "/data/attributes/send_strategy/datetime", "It must be a datetime: a date");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", def,
                ",\"send_strategy\":{\"method\":\"smart_send_time\",\"date\":\"2026-13-01\"}")), 400, "/data/attributes/send_strategy/date", "date");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", def,
                ",\"send_strategy\":{\"method\":\"ab_test_campaign\"}")), 400, "/data/attributes/send_strategy/method", "one of");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", def,
                ",\"tracking_options\":{\"custom_tracking_params\":[{\"type\":\"dynamic\",\"value\":\"weather\",\"name\":\"w\"}]}")), 400,
                "/data/attributes/tracking_options/custom_tracking_params/0/value", "dynamic");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", def,
                ",\"send_options\":{\"use_smart_sending\":\"yes\"}")), 400, "/data/attributes/send_options/use_smart_sending", "boolean");
        assertError(api.post("create_campaign", "/api/campaigns", body("X", ids(l), "[]", "{\"channel\":\"mobile_push\",\"content\":"
                + "{\"body\":\"b\"}}", ",\"tracking_options\":{\"add_tracking_params\":true}")), 400, "/data/attributes/tracking_options", "push");
        String twoMessages = "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":\"X\",\"audiences\":{\"included\":" + ids(l)
                + "},\"campaign-messages\":{\"data\":[]}}}}";
        assertError(api.post("create_campaign", "/api/campaigns", twoMessages), 400, "/data/attributes/campaign-messages/data", "exactly one");
        String image = "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":\"X\",\"audiences\":{\"included\":" + ids(l)
                + "},\"campaign-messages\":{\"data\":[{\"type\":\"campaign-message\",\"attributes\":{\"definition\":" + def + "},"
                + "\"relationships\":{\"image\":{\"data\":{\"type\":\"image\",\"id\":\"404404\"}}}}]}}}}";
        assertError(api.post("create_campaign", "/api/campaigns", image), 404,
                "/data/attributes/campaign-messages/data/0/relationships/image/data/id", "404404");
        assertThat(names(api.get("get_campaigns", "/api/campaigns?filter=equals(messages.channel,'email')"))).isEmpty();
    }

    @Test
    void updateChangesADraftAndOnlyTheNameOnceItLeftDraft() {
        Api api = account(server);
        String l = list(api, "L");
        String s = segment(api, "S");
        JsonNode c = create(api, email("Draft", ids(l), "[]"));
        String id = c.get("id").asText();
        clock.advance(java.time.Duration.ofSeconds(5));
        var u = api.patch("update_campaign", "/api/campaigns/" + id, "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id + "\",\"attributes\":{"
                + "\"name\":\"Renamed\",\"audiences\":{\"excluded\":" + ids(s) + "},\"send_options\":{\"use_smart_sending\":false},"
                + "\"send_strategy\":{\"method\":\"smart_send_time\",\"date\":\"2026-10-03\"},\"tracking_options\":null}}}");
        assertThat(u.status()).as(u.text()).isEqualTo(200);
        JsonNode a = u.data().get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Renamed");
        assertThat(a.at("/audiences/included/0").asText()).isEqualTo(l);
        assertThat(a.at("/audiences/excluded/0").asText()).isEqualTo(s);
        assertThat(a.at("/send_options/use_smart_sending").asBoolean()).isFalse();
        assertThat(a.get("send_strategy")).isEqualTo(tree("{\"method\":\"smart_send_time\",\"date\":\"2026-10-03\"}"));
        assertThat(a.get("tracking_options")).isEqualTo(c.at("/attributes/tracking_options"));
        assertThat(OffsetDateTime.parse(a.get("updated_at").asText()).toInstant()).isEqualTo(clock.instant());

        assertError(api.patch("update_campaign", "/api/campaigns/" + id, "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id
                + "\",\"attributes\":{\"audiences\":{\"included\":" + ids("NOSUCH") + "}}}}"), 404, "/data/attributes/audiences/included/0", "NOSUCH");
        assertError(api.patch("update_campaign", "/api/campaigns/" + id, "{\"data\":{\"type\":\"campaign\",\"id\":\"other\","
                + "\"attributes\":{}}}"), 409, "/data/id", "");
        assertError(api.patch("update_campaign", "/api/campaigns/NOSUCH", "{\"data\":{\"type\":\"campaign\",\"id\":\"NOSUCH\","
                + "\"attributes\":{}}}"), 404, "id", "NOSUCH");
        assertError(api.patch("update_campaign", "/api/campaigns/" + id, "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"\"}}}"), 400, "/data/attributes/name", "");

        // A campaign that left Draft (only sending moves it; set here directly) changes its name and nothing else.
        server.jdbc().inTransaction(x -> {
            try (var ps = x.prepareStatement("update campaign set status = 'Sent' where id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
        assertError(api.patch("update_campaign", "/api/campaigns/" + id, "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id
                + "\",\"attributes\":{\"send_options\":{\"use_smart_sending\":true}}}}"), 400, "/data/attributes/send_options", "Sent");
        var renamed = api.patch("update_campaign", "/api/campaigns/" + id, "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id
                + "\",\"attributes\":{\"name\":\"Sent one\"}}}");
        assertThat(renamed.data().at("/attributes/name").asText()).as(renamed.text()).isEqualTo("Sent one");
        String message = message(api, c);
        assertError(api.patch("update_campaign_message", "/api/campaign-messages/" + message, "{\"data\":{\"type\":\"campaign-message\","
                + "\"id\":\"" + message + "\",\"attributes\":{\"definition\":{\"channel\":\"email\",\"label\":\"x\"}}}}"), 400, "/data", "Sent");
    }

    @Test
    void messagesChangeTheirDefinitionTemplateAndImage() {
        Api api = account(server);
        String l = list(api, "L");
        JsonNode c = create(api, email("M", ids(l), "[]"));
        String m = message(api, c);
        String path = "/api/campaign-messages/" + m;
        var u = api.patch("update_campaign_message", path, "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + m + "\",\"attributes\":"
                + "{\"definition\":{\"channel\":\"email\",\"content\":{\"subject\":\"New subject\",\"preview_text\":\"Peek\"}}}}}");
        assertThat(u.status()).as(u.text()).isEqualTo(200);
        JsonNode d = u.data().at("/attributes/definition");
        assertThat(d.at("/content/subject").asText()).isEqualTo("New subject");
        assertThat(d.at("/content/preview_text").asText()).isEqualTo("Peek");
        assertThat(d.at("/content/from_email").asText()).isEqualTo("shop@example.com");
        assertThat(d.get("label").asText()).isEqualTo("Main");
        assertError(api.patch("update_campaign_message", path, "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + m + "\",\"attributes\":"
                + "{\"definition\":{\"channel\":\"sms\"}}}}"), 400, "/data/attributes/definition/channel", "cannot change");
        assertError(api.patch("update_campaign_message", "/api/campaign-messages/NOSUCH", "{\"data\":{\"type\":\"campaign-message\","
                + "\"id\":\"NOSUCH\",\"attributes\":{}}}"), 404, "id", "NOSUCH");

        // Templates: the message gets its own copy of the template, not the template itself.
        String template = CampaignFixtures.template(api, "Newsletter");
        var assigned = api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + m + "\",\"relationships\":{\"template\":{\"data\":"
                        + "{\"type\":\"template\",\"id\":\"" + template + "\"}}}}}");
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        String copy = assigned.data().at("/relationships/template/data/id").asText();
        assertThat(copy).isNotEmpty().isNotEqualTo(template);
        var t = api.get("get_template_for_campaign_message", path + "/template");
        assertThat(t.data().get("id").asText()).isEqualTo(copy);
        assertThat(t.data().at("/attributes/html").asText()).isEqualTo("<p>Hi {{ first_name }}</p>");
        assertThat(t.data().at("/attributes/name").asText()).isEqualTo("Newsletter");
        assertThat(api.get("get_template_id_for_campaign_message", path + "/relationships/template").data().get("id").asText()).isEqualTo(copy);
        assertError(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + m + "\",\"relationships\":{\"template\":{\"data\":"
                        + "{\"type\":\"template\",\"id\":\"NOSUCH\"}}}}}"), 404, "/data/relationships/template/data/id", "NOSUCH");
        assertError(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"GONE\",\"relationships\":{\"template\":{\"data\":"
                        + "{\"type\":\"template\",\"id\":\"" + template + "\"}}}}}"), 404, "/data/id", "GONE");
        assertError(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + m + "\",\"relationships\":{}}}"), 400, "/data/relationships/template", "");

        // Images: none at first (data null), then the one named; an unknown image is a 404 and changes nothing.
        assertThat(api.get("get_image_id_for_campaign_message", path + "/relationships/image").data().isNull()).isTrue();
        String image = CampaignFixtures.image(api);
        assertError(api.patch("update_image_for_campaign_message", path + "/relationships/image",
                "{\"data\":{\"type\":\"image\",\"id\":\"999\"}}"), 404, "/data/id", "999");
        var set = api.patch("update_image_for_campaign_message", path + "/relationships/image", "{\"data\":{\"type\":\"image\",\"id\":\"" + image + "\"}}");
        assertThat(set.status()).as(set.text()).isEqualTo(204);
        assertThat(api.get("get_image_id_for_campaign_message", path + "/relationships/image").data().get("id").asText()).isEqualTo(image);
        assertThat(api.get("get_image_for_campaign_message", path + "/image").data().get("id").asText()).isEqualTo(image);
        assertThat(api.get("get_campaign_message", path + "?include=image,template").body().get("included")).hasSize(2);
        assertError(api.patch("update_image_for_campaign_message", path + "/relationships/image", "{\"data\":{\"type\":\"template\",\"id\":\"x\"}}"),
                400, "/data/type", "image");
    }

    @Test
    void aCloneIsANewDraftWithCopiesAndDeleteTakesTheMessages() {
        Api api = account(server);
        String l = list(api, "L");
        JsonNode c = create(api, email("Original", ids(l), "[]"));
        String id = c.get("id").asText();
        String m = message(api, c);
        String template = CampaignFixtures.template(api, "T");
        CampaignFixtures.created(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + m + "\",\"relationships\":{\"template\":{\"data\":"
                        + "{\"type\":\"template\",\"id\":\"" + template + "\"}}}}}"));
        var clone = api.post("create_campaign_clone", "/api/campaign-clone", "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id + "\",\"attributes\":{}}}");
        assertThat(clone.status()).as(clone.text()).isEqualTo(201);
        JsonNode a = clone.data().get("attributes");
        assertThat(a.get("name").asText()).isEqualTo("Clone of Original");
        assertThat(a.get("status").asText()).isEqualTo("Draft");
        assertThat(a.get("audiences")).isEqualTo(c.at("/attributes/audiences"));
        String cloneMessage = message(api, clone.data());
        assertThat(cloneMessage).isNotEqualTo(m);
        JsonNode copied = api.get("get_campaign_message", "/api/campaign-messages/" + cloneMessage).data();
        assertThat(copied.at("/attributes/definition")).isEqualTo(api.get("get_campaign_message", "/api/campaign-messages/" + m).data()
                .at("/attributes/definition"));
        assertThat(copied.at("/relationships/template/data/id").asText()).isNotEmpty()
                .isNotEqualTo(api.get("get_campaign_message", "/api/campaign-messages/" + m).data().at("/relationships/template/data/id").asText());
        var named = api.post("create_campaign_clone", "/api/campaign-clone", "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id + "\","
                + "\"attributes\":{\"new_name\":\"Second\"}}}");
        assertThat(named.data().at("/attributes/name").asText()).as(named.text()).isEqualTo("Second");
        assertError(api.post("create_campaign_clone", "/api/campaign-clone", "{\"data\":{\"type\":\"campaign\",\"id\":\"NOSUCH\",\"attributes\":{}}}"),
                404, "/data/id", "NOSUCH");
        assertError(api.post("create_campaign_clone", "/api/campaign-clone", "{\"data\":{\"type\":\"campaign\",\"attributes\":{}}}"), 400, "/data/id", "");
        assertError(api.post("create_campaign_clone", "/api/campaign-clone", "{\"data\":{\"type\":\"campaign\",\"id\":\"" + id
                + "\"}}"), 400, "/data/attributes", "");

        var deleted = api.delete("delete_campaign", "/api/campaigns/" + id, null);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertError(api.get("get_campaign", "/api/campaigns/" + id), 404, "id", id);
        assertError(api.get("get_campaign_message", "/api/campaign-messages/" + m), 404, "id", m);
        assertError(api.delete("delete_campaign", "/api/campaigns/" + id, null), 404, "id", id);
        assertThat(api.get("get_campaign_message", "/api/campaign-messages/" + cloneMessage).status()).isEqualTo(200);
    }

    @Test
    void tagsLabelCampaignsFromEitherSide() {
        Api api = account(server);
        String l = list(api, "L");
        String id = create(api, email("Tagged", ids(l), "[]")).get("id").asText();
        String tag = CampaignFixtures.created(api.post("create_tag", "/api/tags", "{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":\"Q4\"}}}"));
        var tagged = api.post("tag_campaigns", "/api/tags/" + tag + "/relationships/campaigns", "{\"data\":[{\"type\":\"campaign\",\"id\":\"" + id + "\"}]}");
        assertThat(tagged.status()).as(tagged.text()).isEqualTo(204);
        assertError(api.post("tag_campaigns", "/api/tags/" + tag + "/relationships/campaigns", "{\"data\":[{\"type\":\"campaign\",\"id\":\"NOSUCH\"}]}"),
                404, "/data/0/id", "NOSUCH");
        assertThat(api.get("get_campaign_ids_for_tag", "/api/tags/" + tag + "/relationships/campaigns").data().get(0).get("id").asText()).isEqualTo(id);
        assertThat(api.get("get_tags_for_campaign", "/api/campaigns/" + id + "/tags").data().get(0).at("/attributes/name").asText()).isEqualTo("Q4");
        assertThat(api.get("get_tag_ids_for_campaign", "/api/campaigns/" + id + "/relationships/tags").data().get(0).get("id").asText()).isEqualTo(tag);
        var withTags = api.get("get_campaign", "/api/campaigns/" + id + "?include=tags");
        assertThat(withTags.body().at("/included/0/id").asText()).as(withTags.text()).isEqualTo(tag);
        var removed = api.delete("remove_tag_from_campaigns", "/api/tags/" + tag + "/relationships/campaigns",
                "{\"data\":[{\"type\":\"campaign\",\"id\":\"" + id + "\"}]}");
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);
        assertThat(api.get("get_tag_ids_for_campaign", "/api/campaigns/" + id + "/relationships/tags").data()).isEmpty();
        assertError(api.get("get_tags_for_campaign", "/api/campaigns/NOSUCH/tags"), 404, "id", "NOSUCH");
    }

    /** A JSON text as a tree: stored objects keep PostgreSQL's member order, so trees are compared, not texts. */
    private static JsonNode tree(String json) {
        try {
            return dev.openprofile.jsonapi.Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The id of the campaign's one message. */
    private static String message(Api api, JsonNode campaign) {
        var r = api.get("get_message_ids_for_campaign", "/api/campaigns/" + campaign.get("id").asText() + "/relationships/campaign-messages");
        assertThat(r.data()).as(r.text()).hasSize(1);
        return r.data().get(0).get("id").asText();
    }

    private static List<String> names(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.data().forEach(x -> out.add(x.at("/attributes/name").asText()));
        return out;
    }
}
