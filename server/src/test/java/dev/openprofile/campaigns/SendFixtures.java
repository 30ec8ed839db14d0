package dev.openprofile.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import java.util.ArrayList;
import java.util.List;

/** What the sending tests share: profiles on a list with a given consent, a templated email campaign, the jobs' bodies. */
final class SendFixtures {
    private SendFixtures() {}

    /** A profile with an email (and a first name, and a Plan property) on the list; its id. */
    static String member(Api api, String list, String email, String firstName, String plan) {
        var r = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email
                + "\",\"first_name\":\"" + firstName + "\",\"properties\":{\"Plan\":\"" + plan + "\"}}}}");
        String id = CampaignFixtures.created(r);
        var add = api.post("add_profiles_to_list", "/api/lists/" + list + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + id + "\"}]}");
        assertThat(add.status()).as(add.text()).isEqualTo(204);
        return id;
    }

    /** Email consent for some emails: {@code SUBSCRIBED} or {@code UNSUBSCRIBED} (a job: await it). */
    static void consent(Api api, String consent, String... emails) {
        String kind = consent.equals("SUBSCRIBED") ? "create" : "delete";
        String op = consent.equals("SUBSCRIBED") ? "bulk_subscribe_profiles" : "bulk_unsubscribe_profiles";
        List<String> profiles = new ArrayList<>();
        for (String e : emails) {
            profiles.add("{\"type\":\"profile\",\"attributes\":{\"email\":\"" + e + "\",\"subscriptions\":{\"email\":{\"marketing\":"
                    + "{\"consent\":\"" + consent + "\"}}}}}");
        }
        var r = api.post(op, "/api/profile-subscription-bulk-" + kind + "-jobs", "{\"data\":{\"type\":\"profile-subscription-bulk-"
                + kind + "-job\",\"attributes\":{\"profiles\":{\"data\":[" + String.join(",", profiles) + "]}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    static void suppress(Api api, String email) {
        var r = api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-suppression-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}]}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    /** A segment of the profiles whose Plan is {@code plan}. */
    static String planSegment(Api api, String name, String plan) {
        return CampaignFixtures.created(api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\""
                + name + "\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":"
                + "\"properties['Plan']\",\"filter\":{\"type\":\"string\",\"operator\":\"equals\",\"value\":\"" + plan + "\"}}]}]}}}}"));
    }

    /** An email campaign whose subject and template name the recipient; its id. */
    static String templatedEmail(Api api, String name, String included, String excluded, String extra) {
        String template = CampaignFixtures.created(api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\","
                + "\"attributes\":{\"name\":\"" + name + " copy\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi {{ first_name|default:'there' }},"
                + " your plan is {{ person|lookup:'Plan' }}</p>\",\"text\":\"Hi {{ first_name }}\"}}}"));
        String campaign = CampaignFixtures.create(api, CampaignFixtures.body(name, included, excluded, "{\"channel\":\"email\",\"label\":\"Main\","
                + "\"content\":{\"subject\":\"Hello {{ first_name }}\",\"preview_text\":\"News for {{ email }}\","
                + "\"from_email\":\"shop@example.com\",\"from_label\":\"Shop\",\"reply_to_email\":\"help@example.com\"}}", extra))
                .get("id").asText();
        var r = api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + messageOf(api, campaign) + "\",\"relationships\":{\"template\":"
                        + "{\"data\":{\"type\":\"template\",\"id\":\"" + template + "\"}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return campaign;
    }

    static String messageOf(Api api, String campaign) {
        return api.get("get_message_ids_for_campaign", "/api/campaigns/" + campaign + "/relationships/campaign-messages")
                .body().at("/data/0/id").asText();
    }

    static Api.Response send(Api api, String campaign) {
        return api.post("send_campaign", "/api/campaign-send-jobs", "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"" + campaign + "\"}}");
    }

    static Api.Response cancel(Api api, String campaign, String action) {
        return api.patch("cancel_campaign_send", "/api/campaign-send-jobs/" + campaign, "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\""
                + campaign + "\",\"attributes\":{\"action\":\"" + action + "\"}}}");
    }

    static Api.Response estimate(Api api, String campaign) {
        return api.post("refresh_campaign_recipient_estimation", "/api/campaign-recipient-estimation-jobs",
                "{\"data\":{\"type\":\"campaign-recipient-estimation-job\",\"id\":\"" + campaign + "\"}}");
    }

    static int estimated(Api api, String campaign) {
        var r = api.get("get_campaign_recipient_estimation", "/api/campaign-recipient-estimations/" + campaign);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data().at("/attributes/estimated_recipient_count").asInt();
    }

    static String status(Api api, String campaign) {
        return api.get("get_campaign", "/api/campaigns/" + campaign).data().at("/attributes/status").asText();
    }

    static String jobStatus(Api api, String campaign) {
        var r = api.get("get_campaign_send_job", "/api/campaign-send-jobs/" + campaign);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode d = r.data();
        assertThat(d.get("type").asText()).isEqualTo("campaign-send-job");
        assertThat(d.get("id").asText()).isEqualTo(campaign);
        return d.at("/attributes/status").asText();
    }
}
