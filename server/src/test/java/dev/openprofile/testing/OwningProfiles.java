package dev.openprofile.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Profiles that own rows in every feature's tables, built through the API for the merge and deletion tests:
 * imported by one bulk import job (its results name them), members of a list, subscribed to email marketing
 * on another (consent and its history), unsubscribed from a third in an account whose unsubscribes are
 * list-scoped (a list suppression), sent a campaign (its audience snapshot, outbox message and Received Email event),
 * suppressed, with events, a conversation, a push token, a back-in-stock subscription, a review, a coupon code, an
 * object record linked to them, and members of a segment of their domain.
 */
public final class OwningProfiles {
    public final String importList;
    public final String subscribeList;
    public final String unsubscribeList;
    public final String segment;
    public final String importJob;
    private final TestServer server;
    private final Api api;

    /** Imports one profile per attributes object (JSON without braces); each email must end with {@code @domain}. */
    public OwningProfiles(TestServer server, String domain, String... attributes) throws Exception {
        this.server = server;
        this.api = server.api();
        assertThat(AdminApi.send(server, "PATCH", "/admin/accounts/default", "{\"unsubscribe_scope\":\"list\"}").statusCode())
                .isEqualTo(200);
        importList = list("Imported");
        subscribeList = list("Subscribed");
        unsubscribeList = list("Unsubscribed");
        segment = api.post("create_segment", "/api/segments", "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\""
                + domain + "\",\"definition\":{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\","
                + "\"property\":\"email\",\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@" + domain
                + "\"}}]}]}}}}").data().get("id").asText();
        List<String> items = new ArrayList<>();
        for (String a : attributes) items.add("{\"type\":\"profile\",\"attributes\":{" + a + "}}");
        importJob = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs",
                "{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":[" + String.join(",", items)
                        + "]}},\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + importList + "\"}]}}}}")
                .data().get("id").asText();
        server.awaitJobs();
    }

    /** The ids of the imported profiles, in submission order. */
    public List<String> ids() {
        return api.get("get_profile_ids_for_bulk_import_profiles_job", "/api/profile-bulk-import-jobs/" + importJob
                + "/relationships/profiles").data().findValuesAsText("id");
    }

    /** Gives the profile with this email consent, history, a list suppression, a suppression and two events. */
    public void own(String email) {
        subscribe(email, subscribeList, "profile-subscription-bulk-create-job", "SUBSCRIBED");
        subscribe(email, unsubscribeList, "profile-subscription-bulk-create-job", "SUBSCRIBED");
        server.awaitJobs();
        subscribe(email, unsubscribeList, "profile-subscription-bulk-delete-job", "UNSUBSCRIBED");
        server.awaitJobs();
        campaign(email);
        api.post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-suppression-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}]}}}}");
        for (String order : List.of("1", "2")) event(email, "Placed Order", order + "-" + email, 10);
        // An anonymous visitor identified as the profile (issue 21): the profile holds the visitor's anonymous id.
        var visit = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},"
                + "\"unique_id\":\"visit-" + email + "\",\"time\":\"2026-03-01T09:00:00Z\",\"metric\":{\"data\":{\"type\":\"metric\","
                + "\"attributes\":{\"name\":\"Active on Site\"}}},\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"anonymous_id\":\"visitor-" + email + "\",\"email\":\"" + email + "\"}}}}}}");
        assertThat(visit.status()).as(visit.text()).isEqualTo(202);
        server.awaitJobs();
        conversation(email);
        var token = api.post("create_push_token", "/api/push-tokens", "{\"data\":{\"type\":\"push-token\",\"attributes\":"
                + "{\"token\":\"token-" + email + "\",\"platform\":\"ios\",\"vendor\":\"apns\",\"profile\":{\"data\":"
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}");
        assertThat(token.status()).as(token.text()).isEqualTo(202);
        var backInStock = server.clientApi().post("create_client_back_in_stock_subscription",
                "/client/back-in-stock-subscriptions?company_id=" + server.publicKey("default"),
                "{\"data\":{\"type\":\"back-in-stock-subscription\",\"attributes\":{\"channels\":[\"EMAIL\"],"
                        + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}},"
                        + "\"relationships\":{\"variant\":{\"data\":{\"type\":\"catalog-variant\","
                        + "\"id\":\"" + CatalogVariants.variant(server, "SKU-" + email) + "\"}}}}}");
        assertThat(backInStock.status()).as(backInStock.text()).isEqualTo(202);
        // A review of the variant's item (issue 17), which the catalog holds by now.
        var review = server.clientApi().post("create_client_review", "/client/reviews?company_id=" + server.publicKey("default"),
                "{\"data\":{\"type\":\"review\",\"attributes\":{\"review_type\":\"review\",\"email\":\"" + email + "\","
                        + "\"author\":\"Owner\",\"content\":\"Mine\",\"rating\":4,\"product\":{\"external_id\":\"SKU-" + email
                        + "-item\",\"integration_key\":\"shopify\"}}}}");
        assertThat(review.status()).as(review.text()).isEqualTo(202);
        couponCode(email);
        objectRecord(email);
    }

    private String objectSource;

    /**
     * An object record linked to the profile (issue 17): a record of a data source whose current schema relates its
     * records to profiles by email. The definitions are written as their API writes them (objectrecords.Definitions).
     */
    public void objectRecord(String email) {
        if (objectSource == null) {
            String account = server.jdbc().read(c -> dev.openprofile.store.Statements.text(c,
                    "select account_id from account where name = 'default'").orElseThrow());
            var definitions = new dev.openprofile.objectrecords.Definitions(server.jdbc(), account);
            objectSource = definitions.dataSource("Owning " + java.util.UUID.randomUUID());
            var type = definitions.type("Owned").property(1, "name", "string", false).map(1, objectSource, "$['id']", "$['name']");
            type.profiles("owner", objectSource, "$['id']", false, "email", "$['email']");
            type.active();
        }
        var r = api.post("create_data_source_record", "/api/data-source-record-create-jobs", "{\"data\":{\"type\":"
                + "\"data-source-record-create-job\",\"attributes\":{\"data-source-record\":{\"data\":{\"type\":"
                + "\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"owned-" + email + "\",\"name\":\"Owned\","
                + "\"email\":\"" + email + "\"}}}}},\"relationships\":{\"data-source\":{\"data\":{\"type\":\"data-source\","
                + "\"id\":\"" + objectSource + "\"}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(204);
    }

    /**
     * A campaign sent to the subscribed list while this profile can still receive email (the profiles owned before are
     * suppressed by now): its audience snapshot, its outbox message and its Received Email event name the profile.
     */
    private void campaign(String email) {
        String template = api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":"
                + "{\"name\":\"Owning " + email + "\",\"editor_type\":\"CODE\",\"html\":\"<p>Hi {{ email }}</p>\"}}}").data().get("id").asText();
        var campaign = api.post("create_campaign", "/api/campaigns", "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":"
                + "\"Owning " + email + "\",\"audiences\":{\"included\":[\"" + subscribeList + "\"]},\"campaign-messages\":{\"data\":"
                + "[{\"type\":\"campaign-message\",\"attributes\":{\"definition\":{\"channel\":\"email\",\"content\":"
                + "{\"subject\":\"Hi\",\"from_email\":\"shop@example.com\"}}}}]}}}}");
        assertThat(campaign.status()).as(campaign.text()).isEqualTo(201);
        String id = campaign.data().get("id").asText();
        String message = api.get("get_message_ids_for_campaign", "/api/campaigns/" + id + "/relationships/campaign-messages")
                .data().get(0).get("id").asText();
        assertThat(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template", "{\"data\":{\"type\":"
                + "\"campaign-message\",\"id\":\"" + message + "\",\"relationships\":{\"template\":{\"data\":{\"type\":"
                + "\"template\",\"id\":\"" + template + "\"}}}}}").status()).isEqualTo(200);
        assertThat(api.post("send_campaign", "/api/campaign-send-jobs", "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\""
                + id + "\"}}").status()).isEqualTo(202);
        server.awaitJobs();
    }

    /**
     * A coupon code held by the profile. Nothing in the API hands a code to a profile (Klaviyo's flows do), so the
     * code is created through the API and given to the profile as a flow would, in SQL.
     */
    public void couponCode(String email) {
        String id = api.get("get_profiles", "/api/profiles?filter=" + java.net.URLEncoder.encode("equals(email,\"" + email + "\")",
                java.nio.charset.StandardCharsets.UTF_8)).data().get(0).get("id").asText();
        String coupon = "OWNED-" + id;
        assertThat(api.post("create_coupon", "/api/coupons", "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\""
                + coupon + "\"}}}").status()).isEqualTo(201);
        assertThat(api.post("create_coupon_code", "/api/coupon-codes", "{\"data\":{\"type\":\"coupon-code\",\"attributes\":"
                + "{\"unique_code\":\"HELD\"},\"relationships\":{\"coupon\":{\"data\":{\"type\":\"coupon\",\"id\":\"" + coupon
                + "\"}}}}}").status()).isEqualTo(200);
        server.jdbc().inTransaction(c -> dev.openprofile.store.Statements.update(c,
                "update coupon_code set profile_id = ?, status = 'ASSIGNED_TO_PROFILE' where id = ?", id, coupon + "-HELD"));
    }

    /** A message from the profile on Instagram (no phone needed), which opens its conversation, and a reply. */
    public void conversation(String email) {
        String id = api.get("get_profiles", "/api/profiles?filter=" + java.net.URLEncoder.encode("equals(email,\"" + email + "\")",
                java.nio.charset.StandardCharsets.UTF_8)).data().get(0).get("id").asText();
        try {
            var opened = AdminApi.send(server, "POST", "/admin/conversations/messages",
                    "{\"profile_id\":\"" + id + "\",\"channel\":\"instagram\",\"body\":\"Hi from " + email + "\"}");
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            String conversation = dev.openprofile.jsonapi.Json.MAPPER.readTree(opened.body()).get("conversation_id").asText();
            var reply = api.post("create_conversation_message", "/api/conversation-messages", "{\"data\":{\"type\":"
                    + "\"conversation-message\",\"attributes\":{\"body\":\"Hello\"},\"relationships\":{\"conversation\":"
                    + "{\"data\":{\"type\":\"conversation\",\"id\":\"" + conversation + "\"}}}}}");
            assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event of {@code metric} with this unique_id and value for the profile with this email. */
    public void event(String email, String metric, String uniqueId, int value) {
        var r = api.post("create_event", "/api/events", "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{\"Item\":"
                + "\"Book\"},\"unique_id\":\"" + uniqueId + "\",\"value\":" + value + ",\"time\":\"2026-03-01T10:00:00Z\","
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    /** The segment's members, as a read computes them. */
    public List<String> segmentMembers() {
        return api.get("get_profile_ids_for_segment", "/api/segments/" + segment + "/relationships/profiles")
                .data().findValuesAsText("id");
    }

    private void subscribe(String email, String list, String type, String consent) {
        String op = type.endsWith("create-job") ? "bulk_subscribe_profiles" : "bulk_unsubscribe_profiles";
        String path = type.endsWith("create-job") ? "/api/profile-subscription-bulk-create-jobs" : "/api/profile-subscription-bulk-delete-jobs";
        var r = api.post(op, path, "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"profiles\":{\"data\":["
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"subscriptions\":{\"email\":{\"marketing\":"
                + "{\"consent\":\"" + consent + "\"}}}}}]}},\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":\""
                + list + "\"}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    private String list(String name) {
        return api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}")
                .data().get("id").asText();
    }
}
