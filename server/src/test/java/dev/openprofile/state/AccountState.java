package dev.openprofile.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.outbox.Outbox;
import dev.openprofile.outbox.OutboxMessage;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.OwningProfiles;
import dev.openprofile.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A default account holding every kind of object, built through the API: the owning profiles' rows in every
 * profile table (lists, consent and its history, suppressions, events, a segment, push tokens, conversations,
 * back in stock), a bulk import, consent, bulk event, catalog bulk, merge and deletion jobs, a coupon and its code, metrics and
 * their properties, a web feed and a changed tracking setting, an image, tags in two groups on a list and a segment, a
 * webhook with deliveries and their attempts, a custom metric and mapped metrics, outbox messages (one pending relay), and the operator's geofences, IP allow
 * list and an injected fault (which a reset keeps), a web console session, and custom object definitions (a data source, an object type with a
 * current schema and a draft with relationships).
 */
final class AccountState {
    static final String DOMAIN = "state.example";

    private static void objectRecords(TestServer server, Api api) {
        String account = server.jdbc().read(c -> dev.openprofile.store.Statements.text(c,
                "select account_id from account where name = 'default'").orElseThrow());
        var d = new dev.openprofile.objectrecords.Definitions(server.jdbc(), account);
        String source = d.dataSource("State orders");
        String related = d.type("State item").property(1, "sku", "string", false).map(1, source, "$['sku']", "$['sku']").active().id;
        var order = d.type("State order").property(1, "total", "float", true).map(1, source, "$['id']", "$['total']");
        order.objects("items", related, source, "$['id']", "$['items']", false);
        order.active();
        assertThat(api.post("bulk_create_data_source_records", "/api/data-source-record-bulk-create-jobs", "{\"data\":{\"type\":"
                + "\"data-source-record-bulk-create-job\",\"attributes\":{\"data-source-records\":{\"data\":[{\"type\":"
                + "\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"O-1\",\"sku\":\"O-1\",\"total\":12.5,"
                + "\"items\":[\"I-1\",\"I-2\"]}}},{\"type\":\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"O-2\","
                + "\"sku\":\"O-2\",\"total\":\"lots\"}}}]}},\"relationships\":{\"data-source\":{\"data\":{\"type\":"
                + "\"data-source\",\"id\":\"" + source + "\"}}}}}").status()).isEqualTo(204);
        String waiting = d.dataSource("State waiting");
        d.type("State draft").property(1, "name", "string", false).map(1, waiting, "$['id']", "$['name']").draft();
        assertThat(api.post("create_data_source_record", "/api/data-source-record-create-jobs", "{\"data\":{\"type\":"
                + "\"data-source-record-create-job\",\"attributes\":{\"data-source-record\":{\"data\":{\"type\":"
                + "\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"W-1\",\"name\":\"Waits\"}}}}},"
                + "\"relationships\":{\"data-source\":{\"data\":{\"type\":\"data-source\",\"id\":\"" + waiting + "\"}}}}}")
                .status()).isEqualTo(204);
        server.awaitJobs();
    }
    final OwningProfiles owning;

    AccountState(TestServer server) throws Exception {
        Api api = server.api();
        // A webhook (issue 15) hearing the owning profiles' subscriptions: its endpoint refuses connections, so each
        // delivery gets a failed attempt; disabled at the end, its deliveries are cancelled and the state holds still.
        var webhook = api.post("create_webhook", "/api/webhooks", "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":"
                + "\"State\",\"endpoint_url\":\"http://127.0.0.1:9/state\",\"secret_key\":\"state-secret-0123456789\"},"
                + "\"relationships\":{\"webhook-topics\":{\"data\":[{\"type\":\"webhook-topic\",\"id\":"
                + "\"event:klaviyo.subscribed_to_email_marketing\"}]}}}}");
        ok(webhook);
        String webhookId = webhook.data().get("id").asText();
        owning = new OwningProfiles(server, DOMAIN,
                "\"email\":\"ada@state.example\",\"first_name\":\"Ada\",\"properties\":{\"plan\":\"gold\",\"score\":1.50,"
                        + "\"tags\":[\"a\",\"b\"]},\"location\":{\"city\":\"Paris\",\"latitude\":48.8566}",
                "\"email\":\"bob@state.example\",\"phone_number\":\"+15005550006\"",
                "\"email\":\"cy@state.example\",\"external_id\":\"ext-cy\"",
                "\"email\":\"dee@state.example\"");
        owning.own("ada@state.example");
        owning.own("bob@state.example");
        var bulk = api.post("bulk_create_events", "/api/event-bulk-create-jobs", "{\"data\":{\"type\":\"event-bulk-create-job\","
                + "\"attributes\":{\"events-bulk-create\":{\"data\":[{\"type\":\"event-bulk-create\",\"attributes\":{\"profile\":"
                + "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"cy@state.example\"}}},\"events\":{\"data\":[{\"type\":"
                + "\"event\",\"attributes\":{\"properties\":{\"Amount\":12.50,\"Nested\":{\"k\":[1,2]}},\"value\":12.50,"
                + "\"time\":\"2024-02-29T23:59:59Z\",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":"
                + "\"Viewed Product\"}}}}}]}}}]}}}}");
        assertThat(bulk.status()).as(bulk.text()).isEqualTo(202);
        // A bulk import whose profile claims one profile's email and another's phone number fails (profile_import_error).
        var clash = api.post("bulk_import_profiles", "/api/profile-bulk-import-jobs", "{\"data\":{\"type\":"
                + "\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"ada@state.example\",\"phone_number\":\"+15005550006\"}}]}}}}");
        assertThat(clash.status()).as(clash.text()).isEqualTo(202);
        // A consent job that cannot apply one of its profiles records why (consent_job_error).
        var skipped = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs", "{\"data\":{\"type\":"
                + "\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\","
                + "\"id\":\"01NOSUCHPROFILE000000000000\",\"attributes\":{\"subscriptions\":{\"email\":{\"marketing\":"
                + "{\"consent\":\"SUBSCRIBED\"}}}}}]}},\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":\""
                + owning.subscribeList + "\"}}}}}");
        assertThat(skipped.status()).as(skipped.text()).isEqualTo(202);
        server.awaitJobs();
        List<String> ids = owning.ids();
        var merged = api.post("merge_profiles", "/api/profile-merge", "{\"data\":{\"type\":\"profile-merge\",\"id\":\""
                + ids.get(2) + "\",\"relationships\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"id\":\"" + ids.get(3) + "\"}]}}}}");
        assertThat(merged.status()).as(merged.text()).isEqualTo(201);
        var created = api.post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"gone@elsewhere.example\"}}}");
        assertThat(created.status()).isEqualTo(201);
        var deletion = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":"
                + "\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"gone@elsewhere.example\"}}}}}}");
        assertThat(deletion.status()).as(deletion.text()).isEqualTo(202);
        server.awaitJobs();
        ok(AdminApi.send(server, "PUT", "/admin/accounts/default/geofences",
                "{\"geofences\":[{\"latitude\":40.71,\"longitude\":-74.0,\"radius\":100}]}"));
        ok(AdminApi.send(server, "PUT", "/admin/accounts/default/ip-allowlists", "{\"prefixes\":[\"192.0.2.0/24\"]}"));
        // A fault that never strikes (rate 0): operator configuration, kept by a reset like the two above.
        ok(AdminApi.send(server, "POST", "/admin/faults", "{\"account\":\"default\",\"operation\":\"get_lists\","
                + "\"status\":503,\"rate\":0.0}"));
        // A web console session of the account's key (issue 18): kept by a reset, like the key it names.
        HttpResponse<String> login = new dev.openprofile.testing.ConsoleClient(server.baseUrl()).login(TestServer.API_KEY);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        // A catalog: a category, an item in it, and a variant of the item (issue 14).
        ok(api.post("create_catalog_category", "/api/catalog-categories", "{\"data\":{\"type\":\"catalog-category\","
                + "\"attributes\":{\"external_id\":\"STATE-CAT\",\"name\":\"State\"}}}"));
        ok(api.post("create_catalog_item", "/api/catalog-items", "{\"data\":{\"type\":\"catalog-item\",\"attributes\":"
                + "{\"external_id\":\"STATE-ITEM\",\"title\":\"T\",\"description\":\"D\",\"url\":\"https://s/i\",\"price\":1.50,"
                + "\"custom_metadata\":{\"k\":[1]}},\"relationships\":{\"categories\":{\"data\":[{\"type\":\"catalog-category\","
                + "\"id\":\"$custom:::$default:::STATE-CAT\"}]}}}}"));
        ok(api.post("create_catalog_variant", "/api/catalog-variants", "{\"data\":{\"type\":\"catalog-variant\",\"attributes\":"
                + "{\"external_id\":\"STATE-VAR\",\"title\":\"V\",\"description\":\"D\",\"sku\":\"S\",\"inventory_quantity\":2,"
                + "\"price\":1.5,\"url\":\"https://s/v\"},\"relationships\":{\"item\":{\"data\":{\"type\":\"catalog-item\","
                + "\"id\":\"$custom:::$default:::STATE-ITEM\"}}}}}"));
        // A coupon with one code (issue 15).
        ok(api.post("create_coupon", "/api/coupons", "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":"
                + "\"STATE-COUPON\",\"monitor_configuration\":{\"low_balance_threshold\":5}}}}"));
        ok(api.post("create_coupon_code", "/api/coupon-codes", "{\"data\":{\"type\":\"coupon-code\",\"attributes\":"
                + "{\"unique_code\":\"STATE-CODE\"},\"relationships\":{\"coupon\":{\"data\":{\"type\":\"coupon\","
                + "\"id\":\"STATE-COUPON\"}}}}}"));
        // A coupon code bulk job (issue 15): one code created.
        assertThat(api.post("bulk_create_coupon_codes", "/api/coupon-code-bulk-create-jobs", "{\"data\":{\"type\":"
                + "\"coupon-code-bulk-create-job\",\"attributes\":{\"coupon-codes\":{\"data\":[{\"type\":\"coupon-code\","
                + "\"attributes\":{\"unique_code\":\"STATE-BULK-CODE\"},\"relationships\":{\"coupon\":{\"data\":"
                + "{\"type\":\"coupon\",\"id\":\"STATE-COUPON\"}}}}]}}}}").status()).isEqualTo(202);
        // A catalog bulk job: one category created, one record failed (its external id is taken) with its pointer.
        var categories = api.post("bulk_create_catalog_categories", "/api/catalog-category-bulk-create-jobs", "{\"data\":{\"type\":"
                + "\"catalog-category-bulk-create-job\",\"attributes\":{\"categories\":{\"data\":[{\"type\":\"catalog-category\","
                + "\"attributes\":{\"external_id\":\"STATE-CAT-2\",\"name\":\"Second\"}},{\"type\":\"catalog-category\","
                + "\"attributes\":{\"external_id\":\"STATE-CAT\",\"name\":\"Taken\"}}]}}}}");
        assertThat(categories.status()).as(categories.text()).isEqualTo(202);
        // A web feed, and the account's tracking setting changed from Klaviyo's defaults (issue 15).
        ok(api.post("create_web_feed", "/api/web-feeds", "{\"data\":{\"type\":\"web-feed\",\"attributes\":{\"name\":\"State\","
                + "\"url\":\"https://state.example/feed.xml\",\"request_method\":\"post\",\"content_type\":\"xml\"}}}"));
        // A form with two versions (issue 17).
        ok(api.post("create_form", "/api/forms", "{\"data\":{\"type\":\"form\",\"attributes\":{\"name\":\"State\","
                + "\"status\":\"draft\",\"ab_test\":true,\"definition\":{\"versions\":[{\"type\":\"embed\",\"name\":\"A\","
                + "\"steps\":[{\"columns\":[]}]},{\"type\":\"flyout\",\"ab_test\":true,\"steps\":[{\"columns\":[]}]}]}}}}"));
        // Custom object definitions (issue 17): a data source, an object type whose current schema maps it, and a new
        // draft of the type with a relationship to profiles and to the current schema.
        var source = api.post("create_data_source", "/api/data-sources", "{\"data\":{\"type\":\"data-source\",\"attributes\":"
                + "{\"title\":\"State\"}}}");
        ok(source);
        var objectType = api.post("create_object_type", "/api/object-types", "{\"data\":{\"type\":\"object-type\",\"attributes\":"
                + "{\"title\":\"State\",\"object-schema\":{\"data\":{\"type\":\"object-schema\",\"attributes\":{\"status\":"
                + "\"active\",\"properties\":[{\"id\":1,\"name\":\"name\",\"type\":\"string\"}],\"source-mapping\":{\"data\":"
                + "{\"type\":\"source-mapping\",\"attributes\":{\"property_mappings\":[{\"id\":1,\"type\":\"simple\",\"source\":"
                + "{\"source_id\":\"" + source.data().get("id").asText() + "\",\"id_path\":\"$.id\",\"data_path\":\"$.name\"}}]}}}}}}}}}");
        ok(objectType);
        var draft = api.post("create_object_schema", "/api/object-schemas", "{\"data\":{\"type\":\"object-schema\",\"attributes\":"
                + "{\"title\":\"State v2\",\"properties\":[{\"id\":1,\"name\":\"name\",\"type\":\"string\"}]},\"relationships\":"
                + "{\"object-type\":{\"data\":{\"type\":\"object-type\",\"id\":\"" + objectType.data().get("id").asText() + "\"}}}}}");
        ok(draft);
        String draftPath = "/api/object-schemas/" + draft.data().get("id").asText() + "/relationships/";
        assertThat(api.post("create_profile_schema_relationship", draftPath + "profile-object-schemas", "{\"data\":[{\"type\":"
                + "\"profile-object-schema\",\"id\":\"profile\",\"meta\":{\"name\":\"owner\"}}]}").status()).isEqualTo(204);
        assertThat(api.post("create_object_schema_relationship", draftPath + "object-schemas", "{\"data\":[{\"type\":\"object-schema\","
                + "\"id\":\"" + objectType.data().at("/relationships/current-schema/data/id").asText() + "\",\"meta\":{\"name\":"
                + "\"parent\"}}]}").status()).isEqualTo(204);
        // A template of each editor the API makes, and a universal content block (issue 16).
        var stateTemplate = api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":{\"name\":\"State\","
                + "\"editor_type\":\"CODE\",\"html\":\"<p>{{ first_name }}</p>\",\"text\":\"t\",\"amp\":\"a\"}}}");
        ok(stateTemplate);
        ok(api.post("create_template", "/api/templates", "{\"data\":{\"type\":\"template\",\"attributes\":{\"name\":\"State DnD\","
                + "\"editor_type\":\"SYSTEM_DRAGGABLE\",\"definition\":{\"body\":{\"properties\":{},\"styles\":{},\"sections\":[]},"
                + "\"styles\":[]}}}}"));
        ok(api.post("create_universal_content", "/api/template-universal-content", "{\"data\":{\"type\":\"template-universal-content\","
                + "\"attributes\":{\"name\":\"State\",\"definition\":{\"content_type\":\"block\",\"type\":\"text\",\"data\":"
                + "{\"content\":\"Hi\",\"display_options\":{},\"styles\":{}}}}}}"));
        String account = api.get("get_accounts", "/api/accounts").data().get(0).get("id").asText();
        ok(api.patch("update_tracking_setting", "/api/tracking-settings/" + account, "{\"data\":{\"type\":\"tracking-setting\","
                + "\"id\":\"" + account + "\",\"attributes\":{\"auto_add_parameters\":true,\"custom_parameters\":[{\"name\":\"s\","
                + "\"flow\":{\"type\":\"static\",\"value\":\"v\"}}]}}}"));
        // Custom objects (issue 17): an order linking to the owning profiles' object records (OwningProfiles gives each
        // one), a rejected record in the ingestion log, and a record waiting raw for a current schema of its source.
        objectRecords(server, api);
        // An image, uploaded from a data URI (a 1x1 GIF) and hidden (issue 15).
        ok(api.post("upload_image_from_url", "/api/images", "{\"data\":{\"type\":\"image\",\"attributes\":{\"import_from_url\":"
                + "\"data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=\",\"name\":\"State\",\"hidden\":true}}}"));
        // Tags (issue 15): the default group (made by the first tag), an exclusive group, a tag in each, on a list and the segment.
        String group = api.post("create_tag_group", "/api/tag-groups", "{\"data\":{\"type\":\"tag-group\",\"attributes\":"
                + "{\"name\":\"State group\",\"exclusive\":true}}}").data().get("id").asText();
        String tag = api.post("create_tag", "/api/tags", "{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":\"State tag\"},"
                + "\"relationships\":{\"tag-group\":{\"data\":{\"type\":\"tag-group\",\"id\":\"" + group + "\"}}}}}").data().get("id").asText();
        String plain = api.post("create_tag", "/api/tags", "{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":\"State plain\"}}}")
                .data().get("id").asText();
        for (String t : List.of(tag, plain)) {
            ok(api.post("tag_lists", "/api/tags/" + t + "/relationships/lists", "{\"data\":[{\"type\":\"list\",\"id\":\""
                    + owning.subscribeList + "\"}]}"));
            ok(api.post("tag_segments", "/api/tags/" + t + "/relationships/segments", "{\"data\":[{\"type\":\"segment\",\"id\":\""
                    + owning.segment + "\"}]}"));
        }
        // A flow (issue 16) triggered by the list: a delay, then an email with its message; tagged with both tags.
        var flow = api.post("create_flow", "/api/flows", "{\"data\":{\"type\":\"flow\",\"attributes\":{\"name\":\"State flow\","
                + "\"definition\":{\"triggers\":[{\"type\":\"list\",\"id\":\"" + owning.subscribeList + "\"}],\"actions\":["
                + "{\"temporary_id\":\"d\",\"type\":\"time-delay\",\"links\":{\"next\":\"e\"},\"data\":{\"unit\":\"days\",\"value\":1}},"
                + "{\"temporary_id\":\"e\",\"type\":\"send-email\",\"data\":{\"message\":{\"subject_line\":\"Hi\","
                + "\"template_id\":\"" + stateTemplate.data().get("id").asText() + "\"}}}],\"entry_action_id\":\"d\"}}}}");
        ok(flow);
        for (String t : List.of(tag, plain)) {
            ok(api.post("tag_flows", "/api/tags/" + t + "/relationships/flows", "{\"data\":[{\"type\":\"flow\",\"id\":\""
                    + flow.data().get("id").asText() + "\"}]}"));
        }
        // A campaign (issue 16) to the list excluding the segment, its message given the template's copy; tagged with both.
        var campaign = api.post("create_campaign", "/api/campaigns", "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":"
                + "\"State campaign\",\"audiences\":{\"included\":[\"" + owning.subscribeList + "\"],\"excluded\":[\"" + owning.segment
                + "\"]},\"campaign-messages\":{\"data\":[{\"type\":\"campaign-message\",\"attributes\":{\"definition\":"
                + "{\"channel\":\"email\",\"content\":{\"subject\":\"Hi\"}}}}]}}}}");
        ok(campaign);
        String campaignMessage = api.get("get_message_ids_for_campaign", "/api/campaigns/" + campaign.data().get("id").asText()
                + "/relationships/campaign-messages").data().get(0).get("id").asText();
        ok(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template", "{\"data\":{\"type\":"
                + "\"campaign-message\",\"id\":\"" + campaignMessage + "\",\"relationships\":{\"template\":{\"data\":{\"type\":"
                + "\"template\",\"id\":\"" + stateTemplate.data().get("id").asText() + "\"}}}}}"));
        for (String t : List.of(tag, plain)) {
            ok(api.post("tag_campaigns", "/api/tags/" + t + "/relationships/campaigns", "{\"data\":[{\"type\":\"campaign\",\"id\":\""
                    + campaign.data().get("id").asText() + "\"}]}"));
        }
        // Its recipients estimated, and a second campaign to the list sent (issue 16): the estimate, the send job with
        // its recipients, the outbox and the Received Email events.
        ok(api.post("refresh_campaign_recipient_estimation", "/api/campaign-recipient-estimation-jobs", "{\"data\":{\"type\":"
                + "\"campaign-recipient-estimation-job\",\"id\":\"" + campaign.data().get("id").asText() + "\"}}"));
        // (The owned profiles are suppressed: the send goes to a never-subscribed profile, who can receive email.)
        var sendList = api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"State send\"}}}");
        ok(sendList);
        var recipient = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"rita@send.invalid\",\"first_name\":\"Rita\"}}}");
        ok(recipient);
        ok(api.post("add_profiles_to_list", "/api/lists/" + sendList.data().get("id").asText() + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + recipient.data().get("id").asText() + "\"}]}"));
        var sent = api.post("create_campaign", "/api/campaigns", "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":"
                + "\"State send\",\"audiences\":{\"included\":[\"" + sendList.data().get("id").asText() + "\"]},\"campaign-messages\":{\"data\":"
                + "[{\"type\":\"campaign-message\",\"attributes\":{\"definition\":{\"channel\":\"email\",\"content\":"
                + "{\"subject\":\"Hi {{ first_name }}\",\"from_email\":\"shop@example.com\"}}}}]}}}}");
        ok(sent);
        String sentMessage = api.get("get_message_ids_for_campaign", "/api/campaigns/" + sent.data().get("id").asText()
                + "/relationships/campaign-messages").data().get(0).get("id").asText();
        ok(api.post("assign_template_to_campaign_message", "/api/campaign-message-assign-template", "{\"data\":{\"type\":"
                + "\"campaign-message\",\"id\":\"" + sentMessage + "\",\"relationships\":{\"template\":{\"data\":{\"type\":"
                + "\"template\",\"id\":\"" + stateTemplate.data().get("id").asText() + "\"}}}}}"));
        ok(api.post("send_campaign", "/api/campaign-send-jobs", "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\""
                + sent.data().get("id").asText() + "\"}}"));
        server.awaitJobs();
        // The outbox (issue 16), as the campaign's send job records it: an email pending relay (so its relay columns are
        // carried) and an SMS, to an owning profile; sent now, so the retention keeps them through the test.
        String accountId = StateChecks.accountId(server, "default");
        String profileId = owning.ids().getFirst();
        java.time.OffsetDateTime sentAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        server.jdbc().inTransaction(c -> {
            new Outbox(true).record(c, List.of(new OutboxMessage(accountId, campaign.data().get("id").asText(), campaignMessage,
                    profileId, "email", "news@state.example", "State News", "help@state.example", "ada@state.example", "Hi",
                    "Preview", "<p>Hi</p>", "Hi", sentAt, "state-link-token"), new OutboxMessage(accountId, null, "flow-message", profileId,
                    "sms", null, null, null, "+15005550006", null, null, null, "Hi by text", sentAt, null)));
            return null;
        });
        // Custom and mapped metrics (issue 16): a custom metric over the bulk event's metric; revenue maps to it,
        // viewed_product to the metric itself, and the other roles exist unmapped.
        String metric = api.get("get_metrics", "/api/metrics").data().get(0).get("id").asText();
        var custom = api.post("create_custom_metric", "/api/custom-metrics", "{\"data\":{\"type\":\"custom-metric\","
                + "\"attributes\":{\"name\":\"State custom\",\"definition\":{\"aggregation_method\":\"value\",\"metric_groups\":"
                + "[{\"metric_id\":\"" + metric + "\",\"metric_filters\":[{\"property\":\"Amount\",\"filter\":{\"type\":"
                + "\"numeric\",\"operator\":\"greater-than\",\"value\":10}}],\"value_property\":\"Amount\"}]}}}}");
        ok(custom);
        ok(api.patch("update_mapped_metric", "/api/mapped-metrics/revenue", "{\"data\":{\"type\":\"mapped-metric\",\"id\":"
                + "\"revenue\",\"relationships\":{\"custom-metric\":{\"data\":{\"type\":\"custom-metric\",\"id\":\""
                + custom.data().get("id").asText() + "\"}}}}}"));
        ok(api.patch("update_mapped_metric", "/api/mapped-metrics/viewed_product", "{\"data\":{\"type\":\"mapped-metric\","
                + "\"id\":\"viewed_product\",\"relationships\":{\"metric\":{\"data\":{\"type\":\"metric\",\"id\":\""
                + metric + "\"}}}}}"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (server.queryInt("select count(*) from webhook_attempt") == 0 || server.queryInt(
                "select count(*) from webhook_delivery where attempts = 0") > 0) {
            assertThat(System.nanoTime()).as("every delivery attempted").isLessThan(deadline);
            Thread.sleep(20);
        }
        ok(api.patch("update_webhook", "/api/webhooks/" + webhookId, "{\"data\":{\"type\":\"webhook\",\"id\":\"" + webhookId
                + "\",\"attributes\":{\"enabled\":false}}}"));
    }

    private static HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ok(Api.Response r) {
        assertThat(r.status()).as(r.text()).isBetween(200, 299);
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }
}
