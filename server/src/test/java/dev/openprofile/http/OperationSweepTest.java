package dev.openprofile.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation docs/operation-status.tsv calls implemented or partial answers a well-formed request with its
 * documented success status and a body valid against the official schema (stripe-mock's sweep).
 */
class OperationSweepTest {
    static TestServer server;
    static String profileId;

    /** operationId -> {method, path with {id}, body or null, expected status} */
    static final Map<String, String[]> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put("create_profile", new String[] {"POST", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-create@example.com\"}}}", "201"});
        REQUESTS.put("get_profiles", new String[] {"GET", "/api/profiles?page%5Bsize%5D=1", null, "200"});
        REQUESTS.put("get_profile", new String[] {"GET", "/api/profiles/{id}", null, "200"});
        REQUESTS.put("update_profile", new String[] {"PATCH", "/api/profiles/{id}",
                "{\"data\":{\"type\":\"profile\",\"id\":\"{id}\",\"attributes\":{\"first_name\":\"Sweep\"}}}", "200"});
        REQUESTS.put("create_or_update_profile", new String[] {"POST", "/api/profile-import",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-upsert@example.com\"}}}", "201"});
        String member = "{\"data\":[{\"type\":\"profile\",\"id\":\"{id}\"}]}";
        REQUESTS.put("get_lists", new String[] {"GET", "/api/lists?include=tags", null, "200"});
        REQUESTS.put("create_list", new String[] {"POST", "/api/lists",
                "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"Sweep\"}}}", "201"});
        REQUESTS.put("get_list", new String[] {"GET", "/api/lists/{list}?additional-fields%5Blist%5D=profile_count", null, "200"});
        REQUESTS.put("update_list", new String[] {"PATCH", "/api/lists/{list}",
                "{\"data\":{\"type\":\"list\",\"id\":\"{list}\",\"attributes\":{\"name\":\"Swept\"}}}", "200"});
        REQUESTS.put("delete_list", new String[] {"DELETE", "/api/lists/{doomed}", null, "204"});
        REQUESTS.put("get_tags_for_list", new String[] {"GET", "/api/lists/{list}/tags", null, "200"});
        REQUESTS.put("get_tag_ids_for_list", new String[] {"GET", "/api/lists/{list}/relationships/tags", null, "200"});
        REQUESTS.put("get_flows_triggered_by_list", new String[] {"GET", "/api/lists/{list}/flow-triggers", null, "200"});
        REQUESTS.put("get_ids_for_flows_triggered_by_list", new String[] {"GET", "/api/lists/{list}/relationships/flow-triggers", null, "200"});
        REQUESTS.put("get_profiles_for_list", new String[] {"GET", "/api/lists/{list}/profiles", null, "200"});
        REQUESTS.put("get_profile_ids_for_list", new String[] {"GET", "/api/lists/{list}/relationships/profiles", null, "200"});
        REQUESTS.put("add_profiles_to_list", new String[] {"POST", "/api/lists/{list}/relationships/profiles", member, "204"});
        REQUESTS.put("remove_profiles_from_list", new String[] {"DELETE", "/api/lists/{other}/relationships/profiles", member, "204"});
        REQUESTS.put("get_lists_for_profile", new String[] {"GET", "/api/profiles/{id}/lists", null, "200"});
        REQUESTS.put("get_list_ids_for_profile", new String[] {"GET", "/api/profiles/{id}/relationships/lists", null, "200"});
        String segment = "{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-property\",\"property\":\"email\","
                + "\"filter\":{\"type\":\"string\",\"operator\":\"ends-with\",\"value\":\"@example.com\"}}]}]}";
        REQUESTS.put("get_segments", new String[] {"GET", "/api/segments?include=tags,flow-triggers", null, "200"});
        REQUESTS.put("create_segment", new String[] {"POST", "/api/segments",
                "{\"data\":{\"type\":\"segment\",\"attributes\":{\"name\":\"Sweep\",\"definition\":" + segment + "}}}", "201"});
        REQUESTS.put("get_segment", new String[] {"GET", "/api/segments/{segment}?additional-fields%5Bsegment%5D=profile_count"
                + "&include=tags,flow-triggers", null, "200"});
        REQUESTS.put("update_segment", new String[] {"PATCH", "/api/segments/{segment}",
                "{\"data\":{\"type\":\"segment\",\"id\":\"{segment}\",\"attributes\":{\"name\":\"Swept\",\"is_starred\":true}}}", "200"});
        REQUESTS.put("delete_segment", new String[] {"DELETE", "/api/segments/{doomedSegment}", null, "204"});
        REQUESTS.put("get_tags_for_segment", new String[] {"GET", "/api/segments/{segment}/tags", null, "200"});
        REQUESTS.put("get_tag_ids_for_segment", new String[] {"GET", "/api/segments/{segment}/relationships/tags", null, "200"});
        REQUESTS.put("get_profiles_for_segment", new String[] {"GET", "/api/segments/{segment}/profiles", null, "200"});
        REQUESTS.put("get_profile_ids_for_segment", new String[] {"GET", "/api/segments/{segment}/relationships/profiles", null, "200"});
        REQUESTS.put("get_flows_triggered_by_segment", new String[] {"GET", "/api/segments/{segment}/flow-triggers", null, "200"});
        REQUESTS.put("get_ids_for_flows_triggered_by_segment", new String[] {"GET", "/api/segments/{segment}/relationships/flow-triggers", null, "200"});
        REQUESTS.put("get_segments_for_profile", new String[] {"GET", "/api/profiles/{id}/segments", null, "200"});
        REQUESTS.put("get_segment_ids_for_profile", new String[] {"GET", "/api/profiles/{id}/relationships/segments", null, "200"});
        REQUESTS.put("bulk_import_profiles", new String[] {"POST", "/api/profile-bulk-import-jobs",
                "{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-bulk@example.com\"}}]}}}}", "202"});
        REQUESTS.put("get_bulk_import_profiles_jobs", new String[] {"GET", "/api/profile-bulk-import-jobs", null, "200"});
        REQUESTS.put("get_bulk_import_profiles_job", new String[] {"GET", "/api/profile-bulk-import-jobs/{job}?include=lists", null, "200"});
        REQUESTS.put("get_list_for_bulk_import_profiles_job", new String[] {"GET", "/api/profile-bulk-import-jobs/{job}/lists", null, "200"});
        REQUESTS.put("get_list_ids_for_bulk_import_profiles_job", new String[] {"GET", "/api/profile-bulk-import-jobs/{job}/relationships/lists", null, "200"});
        REQUESTS.put("get_profiles_for_bulk_import_profiles_job", new String[] {"GET", "/api/profile-bulk-import-jobs/{job}/profiles", null, "200"});
        REQUESTS.put("get_profile_ids_for_bulk_import_profiles_job", new String[] {"GET", "/api/profile-bulk-import-jobs/{job}/relationships/profiles", null, "200"});
        REQUESTS.put("get_errors_for_bulk_import_profiles_job", new String[] {"GET", "/api/profile-bulk-import-jobs/{job}/import-errors", null, "200"});
        String subscription = "{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-consent@example.com\","
                + "\"subscriptions\":{\"email\":{\"marketing\":{\"consent\":\"%s\"}}}}}";
        REQUESTS.put("bulk_subscribe_profiles", new String[] {"POST", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + subscription.formatted("SUBSCRIBED") + "]}}}}", "202 empty"});
        REQUESTS.put("bulk_unsubscribe_profiles", new String[] {"POST", "/api/profile-subscription-bulk-delete-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-delete-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + subscription.formatted("UNSUBSCRIBED") + "]}}}}", "202 empty"});
        REQUESTS.put("bulk_suppress_profiles", new String[] {"POST", "/api/profile-suppression-bulk-create-jobs",
                suppression("create"), "202"});
        REQUESTS.put("bulk_unsuppress_profiles", new String[] {"POST", "/api/profile-suppression-bulk-delete-jobs",
                suppression("delete"), "202"});
        REQUESTS.put("get_bulk_suppress_profiles_jobs", new String[] {"GET", "/api/profile-suppression-bulk-create-jobs", null, "200"});
        REQUESTS.put("get_bulk_unsuppress_profiles_jobs", new String[] {"GET", "/api/profile-suppression-bulk-delete-jobs", null, "200"});
        REQUESTS.put("get_bulk_suppress_profiles_job", new String[] {"GET", "/api/profile-suppression-bulk-create-jobs/{sjob}", null, "200"});
        REQUESTS.put("get_bulk_unsuppress_profiles_job", new String[] {"GET", "/api/profile-suppression-bulk-delete-jobs/{ujob}", null, "200"});
        REQUESTS.put("query_metric_aggregates", new String[] {"POST", "/api/metric-aggregates",
                "{\"data\":{\"type\":\"metric-aggregate\",\"attributes\":{\"metric_id\":\"{metric}\",\"measurements\":[\"count\"],"
                        + "\"filter\":[\"greater-or-equal(datetime,2024-01-01T00:00:00)\",\"less-than(datetime,2024-01-08T00:00:00)\"]}}}", "200"});

        // Reporting (issue 16): each report over the last 30 days; the campaign and flow reports name a metric for conversions.
        String conversions = ",\"conversion_metric_id\":\"{metric}\"";
        report("query_campaign_values", "campaign-values-report", "\"statistics\":[\"opens\",\"open_rate\"]" + conversions);
        report("query_flow_values", "flow-values-report", "\"statistics\":[\"recipients\"]" + conversions);
        report("query_flow_series", "flow-series-report", "\"statistics\":[\"clicks\"],\"interval\":\"weekly\"" + conversions);
        report("query_form_values", "form-values-report", "\"statistics\":[\"viewed_form\",\"submit_rate\"]");
        report("query_form_series", "form-series-report", "\"statistics\":[\"submits\"],\"interval\":\"daily\"");
        report("query_segment_values", "segment-values-report", "\"statistics\":[\"total_members\"]");
        report("query_segment_series", "segment-series-report", "\"statistics\":[\"members_added\"],\"interval\":\"monthly\"");
    }

    private static void report(String operationId, String type, String attributes) {
        REQUESTS.put(operationId, new String[] {"POST", "/api/" + type + "s", "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{"
                + attributes + ",\"timeframe\":{\"key\":\"last_30_days\"}}}}", "200"});
    }

    static final String EVENT = "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{\"Item\":\"Book\"},"
            + "\"time\":\"2026-06-01T00:00:00Z\",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Sweep\"}}},"
            + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-event@example.com\"}}}}}}";

    static {
        REQUESTS.put("create_event", new String[] {"POST", "/api/events", EVENT, "202 empty"});
        REQUESTS.put("bulk_create_events", new String[] {"POST", "/api/event-bulk-create-jobs",
                "{\"data\":{\"type\":\"event-bulk-create-job\",\"attributes\":{\"events-bulk-create\":{\"data\":[{\"type\":"
                        + "\"event-bulk-create\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                        + "{\"email\":\"sweep-bulk-event@example.com\"}}},\"events\":{\"data\":[{\"type\":\"event\",\"attributes\":"
                        + "{\"properties\":{},\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Sweep\"}}}}}]}}}]}}}}",
                "202 empty"});
        REQUESTS.put("get_events", new String[] {"GET", "/api/events?include=metric,profile", null, "200"});
        REQUESTS.put("get_event", new String[] {"GET", "/api/events/{event}?include=metric,profile", null, "200"});
        REQUESTS.put("get_metric_for_event", new String[] {"GET", "/api/events/{event}/metric", null, "200"});
        REQUESTS.put("get_metric_id_for_event", new String[] {"GET", "/api/events/{event}/relationships/metric", null, "200"});
        REQUESTS.put("get_profile_for_event", new String[] {"GET", "/api/events/{event}/profile", null, "200"});
        REQUESTS.put("get_profile_id_for_event", new String[] {"GET", "/api/events/{event}/relationships/profile", null, "200"});
        REQUESTS.put("get_metrics", new String[] {"GET", "/api/metrics", null, "200"});
        REQUESTS.put("get_metric", new String[] {"GET", "/api/metrics/{metric}", null, "200"});
        REQUESTS.put("get_properties_for_metric", new String[] {"GET", "/api/metrics/{metric}/metric-properties", null, "200"});
        REQUESTS.put("get_property_ids_for_metric", new String[] {"GET", "/api/metrics/{metric}/relationships/metric-properties", null, "200"});
        REQUESTS.put("get_metric_property", new String[] {"GET", "/api/metric-properties/{property}?include=metric", null, "200"});
        REQUESTS.put("get_metric_for_metric_property", new String[] {"GET", "/api/metric-properties/{property}/metric", null, "200"});
        REQUESTS.put("get_metric_id_for_metric_property", new String[] {"GET", "/api/metric-properties/{property}/relationships/metric", null, "200"});
        REQUESTS.put("get_flows_triggered_by_metric", new String[] {"GET", "/api/metrics/{metric}/flow-triggers", null, "200"});
        REQUESTS.put("get_ids_for_flows_triggered_by_metric", new String[] {"GET", "/api/metrics/{metric}/relationships/flow-triggers", null, "200"});
    }

    static {
        REQUESTS.put("get_accounts", new String[] {"GET", "/api/accounts", null, "200"});
        REQUESTS.put("get_account", new String[] {"GET", "/api/accounts/{account}", null, "200"});
        REQUESTS.put("get_conversations_for_profile", new String[] {"GET", "/api/profiles/{talker}/conversations", null, "200"});
        REQUESTS.put("get_conversation_ids_for_profile", new String[] {"GET", "/api/profiles/{talker}/relationships/conversations", null, "200"});
        REQUESTS.put("get_conversation_for_profile", new String[] {"GET", "/api/profiles/{talker}/conversation", null, "200"});
        REQUESTS.put("get_conversation_id_for_profile", new String[] {"GET", "/api/profiles/{talker}/relationships/conversation", null, "200"});
        REQUESTS.put("create_conversation_message", new String[] {"POST", "/api/conversation-messages",
                "{\"data\":{\"type\":\"conversation-message\",\"attributes\":{\"body\":\"Sweep\"},\"relationships\":"
                        + "{\"conversation\":{\"data\":{\"type\":\"conversation\",\"id\":\"{conversation}\"}}}}}", "202 empty"});
    }

    static String accountId;
    static String talkerId;
    static String conversationId;
    // Profile merge and data-privacy deletion (issue 12): a second profile is merged into {id}.
    static String mergeSourceId;

    static {
        REQUESTS.put("merge_profiles", new String[] {"POST", "/api/profile-merge", "{\"data\":{\"type\":\"profile-merge\","
                + "\"id\":\"{id}\",\"relationships\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"id\":\"{mergeSource}\"}]}}}}",
                "201"});
        REQUESTS.put("request_profile_deletion", new String[] {"POST", "/api/data-privacy-deletion-jobs",
                "{\"data\":{\"type\":\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\","
                        + "\"attributes\":{\"email\":\"sweep-forgotten@example.com\"}}}}}}", "202 empty"});
    }

    /** The /client operations: called with the default account's public key ({company}) and no private key. */
    static {
        REQUESTS.put("create_client_profile", new String[] {"POST", "/client/profiles?company_id={company}",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-client@example.com\"}}}", "202 empty"});
        REQUESTS.put("create_client_subscription", new String[] {"POST", "/client/subscriptions?company_id={company}",
                "{\"data\":{\"type\":\"subscription\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\","
                        + "\"attributes\":{\"email\":\"sweep-client@example.com\"}}}},\"relationships\":{\"list\":{\"data\":"
                        + "{\"type\":\"list\",\"id\":\"{list}\"}}}}}", "202 empty"});
        REQUESTS.put("create_client_event", new String[] {"POST", "/client/events?company_id={company}",
                EVENT.replace("sweep-event@", "sweep-client-event@"), "202 empty"});
        REQUESTS.put("bulk_create_client_events", new String[] {"POST", "/client/event-bulk-create?company_id={company}",
                "{\"data\":{\"type\":\"event-bulk-create\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\","
                        + "\"attributes\":{\"email\":\"sweep-client@example.com\"}}},\"events\":{\"data\":[{\"type\":\"event\","
                        + "\"attributes\":{\"properties\":{},\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":"
                        + "{\"name\":\"Sweep\"}}}}}]}}}}", "202 empty"});
        REQUESTS.put("create_client_back_in_stock_subscription", new String[] {"POST",
                "/client/back-in-stock-subscriptions?company_id={company}",
                "{\"data\":{\"type\":\"back-in-stock-subscription\",\"attributes\":{\"channels\":[\"EMAIL\"],\"profile\":"
                        + "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-client@example.com\"}}}},"
                        + "\"relationships\":{\"variant\":{\"data\":{\"type\":\"catalog-variant\",\"id\":\"$custom:::$default:::SWEEP-VAR\"}}}}}",
                "202 empty"});
        REQUESTS.put("create_back_in_stock_subscription", new String[] {"POST", "/api/back-in-stock-subscriptions",
                "{\"data\":{\"type\":\"back-in-stock-subscription\",\"attributes\":{\"channels\":[\"SMS\"],\"profile\":"
                        + "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-bis@example.com\"}}}},"
                        + "\"relationships\":{\"variant\":{\"data\":{\"type\":\"catalog-variant\",\"id\":\"$custom:::$default:::SWEEP-VAR\"}}}}}",
                "202 empty"});
        REQUESTS.put("get_client_geofences", new String[] {"GET", "/client/geofences?company_id={company}", null, "200"});
        REQUESTS.put("get_client_ip_allowlist", new String[] {"GET",
                "/client/ip-allowlists/integration-egress?company_id={company}", null, "200"});
    }

    /** Push tokens, addressed by their value (the spec's path id is "the value of the push token"). */
    static String pushToken(String token, String type) {
        return "{\"data\":{\"type\":\"" + type + "\",\"attributes\":{\"token\":\"" + token + "\",\"platform\":\"ios\","
                + "\"vendor\":\"apns\",\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"sweep-push@example.com\"}}}}}}";
    }

    static {
        REQUESTS.put("create_push_token", new String[] {"POST", "/api/push-tokens", pushToken("sweep-new", "push-token"), "202 empty"});
        REQUESTS.put("get_push_tokens", new String[] {"GET", "/api/push-tokens?include=profile", null, "200"});
        REQUESTS.put("get_push_token", new String[] {"GET", "/api/push-tokens/sweep-token?include=profile", null, "200"});
        REQUESTS.put("delete_push_token", new String[] {"DELETE", "/api/push-tokens/sweep-doomed", null, "204"});
        REQUESTS.put("get_profile_for_push_token", new String[] {"GET", "/api/push-tokens/sweep-token/profile", null, "200"});
        REQUESTS.put("get_profile_id_for_push_token", new String[] {"GET", "/api/push-tokens/sweep-token/relationships/profile",
                null, "200"});
        REQUESTS.put("get_push_tokens_for_profile", new String[] {"GET", "/api/profiles/{id}/push-tokens", null, "200"});
        REQUESTS.put("get_push_token_ids_for_profile", new String[] {"GET", "/api/profiles/{id}/relationships/push-tokens",
                null, "200"});
        REQUESTS.put("create_client_push_token", new String[] {"POST", "/client/push-tokens?company_id={company}",
                pushToken("sweep-client", "push-token"), "202 empty"});
        REQUESTS.put("unregister_client_push_token", new String[] {"POST", "/client/push-token-unregister?company_id={company}",
                pushToken("sweep-client", "push-token-unregister"), "202 empty"});
        // Catalogs (issue 14): {item}, {variant} and {category} exist and are linked; the doomed ones are deleted.
        String item = "/api/catalog-items/{item}";
        String category = "/api/catalog-categories/{category}";
        String categoryLink = "{\"data\":[{\"type\":\"catalog-category\",\"id\":\"{category}\"}]}";
        String itemLink = "{\"data\":[{\"type\":\"catalog-item\",\"id\":\"{item}\"}]}";
        REQUESTS.put("get_catalog_items", new String[] {"GET", "/api/catalog-items?include=variants", null, "200"});
        REQUESTS.put("create_catalog_item", new String[] {"POST", "/api/catalog-items", catalogItem("SWEEP-NEW"), "201"});
        REQUESTS.put("get_catalog_item", new String[] {"GET", item + "?include=variants", null, "200"});
        REQUESTS.put("update_catalog_item", new String[] {"PATCH", item, "{\"data\":{\"type\":\"catalog-item\",\"id\":\"{item}\","
                + "\"attributes\":{\"title\":\"Swept\",\"price\":5.5}}}", "200"});
        REQUESTS.put("delete_catalog_item", new String[] {"DELETE", "/api/catalog-items/{doomedItem}", null, "204"});
        REQUESTS.put("get_catalog_variants", new String[] {"GET", "/api/catalog-variants", null, "200"});
        REQUESTS.put("create_catalog_variant", new String[] {"POST", "/api/catalog-variants", catalogVariant("SWEEP-NEW-V"), "201"});
        REQUESTS.put("get_catalog_variant", new String[] {"GET", "/api/catalog-variants/{variant}", null, "200"});
        REQUESTS.put("update_catalog_variant", new String[] {"PATCH", "/api/catalog-variants/{variant}", "{\"data\":{\"type\":"
                + "\"catalog-variant\",\"id\":\"{variant}\",\"attributes\":{\"inventory_quantity\":0}}}", "200"});
        REQUESTS.put("delete_catalog_variant", new String[] {"DELETE", "/api/catalog-variants/{doomedVariant}", null, "204"});
        REQUESTS.put("get_catalog_categories", new String[] {"GET", "/api/catalog-categories", null, "200"});
        REQUESTS.put("create_catalog_category", new String[] {"POST", "/api/catalog-categories", catalogCategory("SWEEP-NEW-C"), "201"});
        REQUESTS.put("get_catalog_category", new String[] {"GET", category, null, "200"});
        REQUESTS.put("update_catalog_category", new String[] {"PATCH", category, "{\"data\":{\"type\":\"catalog-category\","
                + "\"id\":\"{category}\",\"attributes\":{\"name\":\"Swept\"}}}", "200"});
        REQUESTS.put("delete_catalog_category", new String[] {"DELETE", "/api/catalog-categories/{doomedCategory}", null, "204"});
        REQUESTS.put("get_items_for_catalog_category", new String[] {"GET", category + "/items?include=variants", null, "200"});
        REQUESTS.put("get_item_ids_for_catalog_category", new String[] {"GET", category + "/relationships/items", null, "200"});
        REQUESTS.put("add_items_to_catalog_category", new String[] {"POST", category + "/relationships/items", itemLink, "204"});
        REQUESTS.put("update_items_for_catalog_category", new String[] {"PATCH", category + "/relationships/items", itemLink, "204"});
        REQUESTS.put("remove_items_from_catalog_category", new String[] {"DELETE", category + "/relationships/items",
                "{\"data\":[]}", "204"});
        REQUESTS.put("get_variants_for_catalog_item", new String[] {"GET", item + "/variants", null, "200"});
        REQUESTS.put("get_variant_ids_for_catalog_item", new String[] {"GET", item + "/relationships/variants", null, "200"});
        REQUESTS.put("get_categories_for_catalog_item", new String[] {"GET", item + "/categories", null, "200"});
        REQUESTS.put("get_category_ids_for_catalog_item", new String[] {"GET", item + "/relationships/categories", null, "200"});
        REQUESTS.put("add_categories_to_catalog_item", new String[] {"POST", item + "/relationships/categories", categoryLink, "204"});
        REQUESTS.put("update_categories_for_catalog_item", new String[] {"PATCH", item + "/relationships/categories", categoryLink, "204"});
        REQUESTS.put("remove_categories_from_catalog_item", new String[] {"DELETE", item + "/relationships/categories",
                "{\"data\":[]}", "204"});
        // Coupons (issue 15): SWEEP-COUPON has the code SWEEP-COUPON-SWEEP-CODE; the doomed ones are deleted.
        String coupon = "/api/coupons/SWEEP-COUPON";
        String code = "/api/coupon-codes/SWEEP-COUPON-SWEEP-CODE";
        REQUESTS.put("get_coupons", new String[] {"GET", "/api/coupons", null, "200"});
        REQUESTS.put("create_coupon", new String[] {"POST", "/api/coupons", coupon("SWEEP-NEW-COUPON"), "201"});
        REQUESTS.put("get_coupon", new String[] {"GET", coupon, null, "200"});
        REQUESTS.put("update_coupon", new String[] {"PATCH", coupon, "{\"data\":{\"type\":\"coupon\",\"id\":\"SWEEP-COUPON\","
                + "\"attributes\":{\"description\":\"Swept\"}}}", "200"});
        REQUESTS.put("delete_coupon", new String[] {"DELETE", "/api/coupons/SWEEP-DOOMED-COUPON", null, "204"});
        REQUESTS.put("get_coupon_codes", new String[] {"GET", "/api/coupon-codes?include=coupon&filter=equals(coupon.id,%22SWEEP-COUPON%22)",
                null, "200"});
        REQUESTS.put("create_coupon_code", new String[] {"POST", "/api/coupon-codes", couponCode("SWEEP-NEW-CODE"), "200"});
        REQUESTS.put("get_coupon_code", new String[] {"GET", code + "?include=coupon", null, "200"});
        REQUESTS.put("update_coupon_code", new String[] {"PATCH", code, "{\"data\":{\"type\":\"coupon-code\","
                + "\"id\":\"SWEEP-COUPON-SWEEP-CODE\",\"attributes\":{\"status\":\"USED\"}}}", "200"});
        REQUESTS.put("delete_coupon_code", new String[] {"DELETE", "/api/coupon-codes/SWEEP-COUPON-DOOMED-CODE", null, "204"});
        REQUESTS.put("get_coupon_for_coupon_code", new String[] {"GET", code + "/coupon", null, "200"});
        REQUESTS.put("get_coupon_id_for_coupon_code", new String[] {"GET", code + "/relationships/coupon", null, "200"});
        REQUESTS.put("get_coupon_codes_for_coupon", new String[] {"GET", coupon + "/coupon-codes", null, "200"});
        REQUESTS.put("get_coupon_code_ids_for_coupon", new String[] {"GET", coupon + "/relationships/coupon-codes", null, "200"});
        REQUESTS.put("bulk_create_coupon_codes", new String[] {"POST", "/api/coupon-code-bulk-create-jobs",
                "{\"data\":{\"type\":\"coupon-code-bulk-create-job\",\"attributes\":{\"coupon-codes\":{\"data\":["
                        + couponCode("SWEEP-BULK-CODE").replaceFirst("^\\{\"data\":", "").replaceFirst("}$", "") + "]}}}}", "202"});
        REQUESTS.put("get_bulk_create_coupon_code_jobs", new String[] {"GET", "/api/coupon-code-bulk-create-jobs", null, "200"});
        REQUESTS.put("get_bulk_create_coupon_codes_job", new String[] {"GET",
                "/api/coupon-code-bulk-create-jobs/{cjob:coupon-code-bulk-create-job}?include=coupon-codes", null, "200"});
        // The nine catalog bulk-job families: submit, list, and one job ({cjob:TYPE}, submitted in start()).
        for (String kind : new String[] {"item", "variant", "category"}) {
            for (String verb : new String[] {"create", "update", "delete"}) {
                String member = kind.equals("category") ? "categories" : kind + "s";
                String type = "catalog-" + kind + "-bulk-" + verb + "-job";
                String list = kind.equals("item") ? "get_bulk_" + verb + "_catalog_items_jobs" : "get_bulk_" + verb + "_" + member + "_jobs";
                String include = verb.equals("delete") ? "" : "?include=" + member;
                REQUESTS.put("bulk_" + verb + "_catalog_" + member, new String[] {"POST", "/api/" + type + "s", catalogJob(kind, verb), "202"});
                REQUESTS.put(list, new String[] {"GET", "/api/" + type + "s", null, "200"});
                REQUESTS.put(list.substring(0, list.length() - 1), new String[] {"GET", "/api/" + type + "s/{cjob:" + type + "}" + include,
                        null, "200"});
            }
        }
    }

    static {
        // Custom and mapped metrics (issue 16): {customMetric} exists and is what added_to_cart maps to,
        // {doomedCustomMetric} is deleted.
        String custom = "/api/custom-metrics/{customMetric}";
        REQUESTS.put("get_custom_metrics", new String[] {"GET", "/api/custom-metrics?include=metrics", null, "200"});
        REQUESTS.put("create_custom_metric", new String[] {"POST", "/api/custom-metrics", customMetric("Sweep new"), "201"});
        REQUESTS.put("get_custom_metric", new String[] {"GET", custom + "?include=metrics", null, "200"});
        REQUESTS.put("update_custom_metric", new String[] {"PATCH", custom, "{\"data\":{\"type\":\"custom-metric\","
                + "\"id\":\"{customMetric}\",\"attributes\":{\"name\":\"Swept\"}}}", "200"});
        REQUESTS.put("delete_custom_metric", new String[] {"DELETE", "/api/custom-metrics/{doomedCustomMetric}", null, "204"});
        REQUESTS.put("get_metrics_for_custom_metric", new String[] {"GET", custom + "/metrics", null, "200"});
        REQUESTS.put("get_metric_ids_for_custom_metric", new String[] {"GET", custom + "/relationships/metrics", null, "200"});
        REQUESTS.put("get_mapped_metrics", new String[] {"GET", "/api/mapped-metrics?include=metric,custom-metric", null, "200"});
        REQUESTS.put("get_mapped_metric", new String[] {"GET", "/api/mapped-metrics/added_to_cart?include=custom-metric", null, "200"});
        REQUESTS.put("update_mapped_metric", new String[] {"PATCH", "/api/mapped-metrics/revenue", "{\"data\":{\"type\":"
                + "\"mapped-metric\",\"id\":\"revenue\",\"relationships\":{\"metric\":{\"data\":{\"type\":\"metric\","
                + "\"id\":\"{metric}\"}}}}}", "200"});
        REQUESTS.put("get_metric_for_mapped_metric", new String[] {"GET", "/api/mapped-metrics/revenue/metric", null, "200"});
        REQUESTS.put("get_metric_id_for_mapped_metric", new String[] {"GET", "/api/mapped-metrics/revenue/relationships/metric", null, "200"});
        REQUESTS.put("get_custom_metric_for_mapped_metric", new String[] {"GET", "/api/mapped-metrics/added_to_cart/custom-metric", null, "200"});
        REQUESTS.put("get_custom_metric_id_for_mapped_metric", new String[] {"GET",
                "/api/mapped-metrics/added_to_cart/relationships/custom-metric", null, "200"});
    }

    static String customMetric(String name) {
        return "{\"data\":{\"type\":\"custom-metric\",\"attributes\":{\"name\":\"" + name + "\",\"definition\":{"
                + "\"aggregation_method\":\"value\",\"metric_groups\":[{\"metric_id\":\"{metric}\",\"metric_filters\":[{"
                + "\"property\":\"Item\",\"filter\":{\"type\":\"string\",\"operator\":\"equals\",\"value\":\"Book\"}}],"
                + "\"value_property\":\"$value\"}]}}}}";
    }

    static String customMetricId;
    static String doomedCustomMetricId;
    static String reviewId;
    static String recordSourceId;
    static String recordTypeId;

    static {
        // Custom objects' records (issue 17): {recordType} is current and fed by {recordSource}, which holds record S-1.
        REQUESTS.put("create_data_source_record", new String[] {"POST", "/api/data-source-record-create-jobs",
                "{\"data\":{\"type\":\"data-source-record-create-job\",\"attributes\":{\"data-source-record\":{\"data\":"
                        + "{\"type\":\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"S-2\",\"name\":\"Two\"}}}}},"
                        + "\"relationships\":{\"data-source\":{\"data\":{\"type\":\"data-source\",\"id\":\"{recordSource}\"}}}}}", "204"});
        REQUESTS.put("bulk_create_data_source_records", new String[] {"POST", "/api/data-source-record-bulk-create-jobs",
                "{\"data\":{\"type\":\"data-source-record-bulk-create-job\",\"attributes\":{\"data-source-records\":{\"data\":["
                        + "{\"type\":\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"S-3\"}}}]}},"
                        + "\"relationships\":{\"data-source\":{\"data\":{\"type\":\"data-source\",\"id\":\"{recordSource}\"}}}}}", "204"});
        REQUESTS.put("get_object_record", new String[] {"GET", "/api/object-records/{recordType}%3A%3A%3AS-1", null, "200"});
        REQUESTS.put("get_records_for_object_type", new String[] {"GET", "/api/object-types/{recordType}/object-records", null, "200"});
        REQUESTS.put("get_record_ids_for_object_type", new String[] {"GET",
                "/api/object-types/{recordType}/relationships/object-records?page%5Bsize%5D=1", null, "200"});
        REQUESTS.put("get_ingestion_logs_for_object_type", new String[] {"GET", "/api/object-types/{recordType}/object-ingestion-logs"
                + "?include=object-record,object-type&filter=equals(status,%22error%22)", null, "200"});
        REQUESTS.put("get_ingestion_log_ids_for_object_type", new String[] {"GET",
                "/api/object-types/{recordType}/relationships/object-ingestion-logs", null, "200"});
        REQUESTS.put("bulk_delete_object_records", new String[] {"POST", "/api/object-record-bulk-delete-jobs",
                "{\"data\":{\"type\":\"object-record-bulk-delete-job\",\"relationships\":{\"object-records\":{\"data\":["
                        + "{\"type\":\"object-record\",\"id\":\"{recordType}:::S-9\"}]}}}}", "202 empty"});
    }

    static {
        // Reviews (issue 17): {review} was submitted through the client operation in setup, of {item}.
        REQUESTS.put("create_client_review", new String[] {"POST", "/client/reviews?company_id={company}",
                "{\"data\":{\"type\":\"review\",\"attributes\":{\"review_type\":\"review\",\"email\":"
                        + "\"sweep-review@example.com\",\"author\":\"Sweep\",\"content\":\"Sweeping\",\"rating\":5,"
                        + "\"product\":{\"external_id\":\"SWEEP-ITEM\",\"integration_key\":\"shopify\"}}}}", "202 empty"});
        REQUESTS.put("get_reviews", new String[] {"GET", "/api/reviews?sort=-rating&filter=equals(item.id,%22{item}%22)", null, "200"});
        REQUESTS.put("get_review", new String[] {"GET", "/api/reviews/{review}?include=events", null, "200"});
        REQUESTS.put("update_review", new String[] {"PATCH", "/api/reviews/{review}",
                "{\"data\":{\"type\":\"review\",\"id\":\"{review}\",\"attributes\":{\"status\":{\"value\":\"published\"}}}}",
                "200"});
        REQUESTS.put("get_client_reviews", new String[] {"GET", "/client/reviews?company_id={company}&sort=-created", null, "200"});
        REQUESTS.put("get_client_review_values_reports", new String[] {"GET", "/client/review-values-reports?company_id={company}"
                + "&group_by=product_id&timeframe=all_time&statistics=average_rating,total_reviews", null, "200"});
    }

    static {
        // Web feeds and tracking settings (issue 15): {webFeed} exists, {doomedWebFeed} is deleted.
        String webFeed = "/api/web-feeds/{webFeed}";
        REQUESTS.put("get_web_feeds", new String[] {"GET", "/api/web-feeds?sort=-name", null, "200"});
        REQUESTS.put("create_web_feed", new String[] {"POST", "/api/web-feeds", webFeed("Sweep new"), "201"});
        REQUESTS.put("get_web_feed", new String[] {"GET", webFeed, null, "200"});
        REQUESTS.put("update_web_feed", new String[] {"PATCH", webFeed, "{\"data\":{\"type\":\"web-feed\",\"id\":\"{webFeed}\","
                + "\"attributes\":{\"name\":\"Swept\",\"content_type\":\"xml\"}}}", "200"});
        REQUESTS.put("delete_web_feed", new String[] {"DELETE", "/api/web-feeds/{doomedWebFeed}", null, "204"});
        // Forms (issue 17): {form} exists with its version {formVersion}, {doomedForm} is deleted.
        REQUESTS.put("get_forms", new String[] {"GET", "/api/forms?sort=-created_at&filter=equals(status,%22draft%22)", null, "200"});
        REQUESTS.put("create_form", new String[] {"POST", "/api/forms", form("Sweep new"), "201"});
        REQUESTS.put("get_form", new String[] {"GET", "/api/forms/{form}", null, "200"});
        REQUESTS.put("delete_form", new String[] {"DELETE", "/api/forms/{doomedForm}", null, "204"});
        REQUESTS.put("get_form_version", new String[] {"GET", "/api/form-versions/{formVersion}?include=form", null, "200"});
        REQUESTS.put("get_versions_for_form", new String[] {"GET", "/api/forms/{form}/form-versions?filter=equals(form_type,%22popup%22)", null, "200"});
        REQUESTS.put("get_version_ids_for_form", new String[] {"GET", "/api/forms/{form}/relationships/form-versions", null, "200"});
        REQUESTS.put("get_form_for_form_version", new String[] {"GET", "/api/form-versions/{formVersion}/form", null, "200"});
        REQUESTS.put("get_form_id_for_form_version", new String[] {"GET", "/api/form-versions/{formVersion}/relationships/form", null, "200"});
        // Custom object definitions (issue 17): {dataSource}, {objectType} with its current schema {currentSchema} and its
        // draft {draftSchema} (mapping {draftMapping}, relationships {objectRelationship}, {profileRelationship} and the doomed
        // ones); {doomedDataSource} and {doomedObjectType} are deleted.
        REQUESTS.put("get_data_sources", new String[] {"GET", "/api/data-sources?page%5Bsize%5D=5", null, "200"});
        REQUESTS.put("create_data_source", new String[] {"POST", "/api/data-sources", dataSource("Sweep new"), "201"});
        REQUESTS.put("get_data_source", new String[] {"GET", "/api/data-sources/{dataSource}", null, "200"});
        REQUESTS.put("delete_data_source", new String[] {"DELETE", "/api/data-sources/{doomedDataSource}", null, "204"});
        REQUESTS.put("get_source_mapping", new String[] {"GET", "/api/source-mappings/{draftMapping}", null, "200"});
        REQUESTS.put("update_source_mapping", new String[] {"PATCH", "/api/source-mappings/{draftMapping}", "{\"data\":{\"type\":"
                + "\"source-mapping\",\"id\":\"{draftMapping}\",\"attributes\":{\"property_mappings\":[" + sweepMapping() + "]}}}", "200"});
        REQUESTS.put("get_object_types", new String[] {"GET", "/api/object-types?filter=equals(namespace,%22custom-objects%22)"
                + "&include=current-schema,draft-schema", null, "200"});
        REQUESTS.put("create_object_type", new String[] {"POST", "/api/object-types", objectType("Sweep new"), "201"});
        REQUESTS.put("get_object_type", new String[] {"GET", "/api/object-types/{objectType}?include=current-schema,draft-schema,"
                + "schema-versions,object-types,profile-object-types", null, "200"});
        REQUESTS.put("delete_object_type", new String[] {"DELETE", "/api/object-types/{doomedObjectType}", null, "204"});
        REQUESTS.put("get_object_schema", new String[] {"GET", "/api/object-schemas/{draftSchema}?include=object-schemas,"
                + "profile-object-schemas,source-mapping", null, "200"});
        REQUESTS.put("update_object_schema", new String[] {"PATCH", "/api/object-schemas/{draftSchema}", "{\"data\":{\"type\":"
                + "\"object-schema\",\"id\":\"{draftSchema}\",\"attributes\":{\"title\":\"Swept\"}}}", "200"});
        REQUESTS.put("create_object_schema", new String[] {"POST", "/api/object-schemas", "{\"data\":{\"type\":\"object-schema\","
                + "\"attributes\":{\"title\":\"Sweep schema\",\"properties\":[{\"id\":1,\"name\":\"name\",\"type\":\"string\"}]}}}", "201"});
        String type = "/api/object-types/{objectType}/";
        REQUESTS.put("get_current_schema_for_object_type", new String[] {"GET", type + "current-schema", null, "200"});
        REQUESTS.put("get_current_schema_id_for_object_type", new String[] {"GET", type + "relationships/current-schema", null, "200"});
        REQUESTS.put("get_draft_schema_for_object_type", new String[] {"GET", type + "draft-schema", null, "200"});
        REQUESTS.put("get_draft_schema_id_for_object_type", new String[] {"GET", type + "relationships/draft-schema", null, "200"});
        REQUESTS.put("get_schema_versions_for_object_type", new String[] {"GET", type + "schema-versions", null, "200"});
        REQUESTS.put("get_schema_version_ids_for_object_type", new String[] {"GET", type + "relationships/schema-versions", null, "200"});
        REQUESTS.put("get_object_type_relationships", new String[] {"GET", type + "relationships/object-types", null, "200"});
        REQUESTS.put("get_profile_type_relationships", new String[] {"GET", type + "relationships/profile-object-types", null, "200"});
        String schema = "/api/object-schemas/{draftSchema}/";
        REQUESTS.put("get_source_mapping_for_object_schema", new String[] {"GET", schema + "source-mapping", null, "200"});
        REQUESTS.put("get_source_mapping_id_for_object_schema", new String[] {"GET", schema + "relationships/source-mapping", null, "200"});
        REQUESTS.put("get_object_schema_relationships", new String[] {"GET", schema + "relationships/object-schemas", null, "200"});
        REQUESTS.put("get_profile_schema_relationships", new String[] {"GET", schema + "relationships/profile-object-schemas", null, "200"});
        REQUESTS.put("create_object_schema_relationship", new String[] {"POST", schema + "relationships/object-schemas",
                "{\"data\":[{\"type\":\"object-schema\",\"id\":\"{currentSchema}\",\"meta\":{\"name\":\"sweep-new\"}}]}", "204"});
        REQUESTS.put("update_object_schema_relationship", new String[] {"PATCH", schema + "relationships/object-schemas",
                "{\"data\":{\"type\":\"object-schema\",\"id\":\"{currentSchema}\",\"meta\":{\"relationship_id\":"
                        + "\"{objectRelationship}\",\"description\":\"Swept\"}}}", "204"});
        REQUESTS.put("delete_object_schema_relationship", new String[] {"DELETE", schema + "relationships/object-schemas",
                "{\"data\":[{\"type\":\"object-schema\",\"id\":\"{currentSchema}\",\"meta\":{\"relationship_id\":"
                        + "\"{doomedObjectRelationship}\"}}]}", "204"});
        REQUESTS.put("create_profile_schema_relationship", new String[] {"POST", schema + "relationships/profile-object-schemas",
                "{\"data\":[{\"type\":\"profile-object-schema\",\"id\":\"profile\",\"meta\":{\"name\":\"sweep-owner\"}}]}", "204"});
        REQUESTS.put("update_profile_schema_relationship", new String[] {"PATCH", schema + "relationships/profile-object-schemas",
                "{\"data\":{\"type\":\"profile-object-schema\",\"id\":\"profile\",\"meta\":{\"relationship_id\":"
                        + "\"{profileRelationship}\",\"name\":\"swept-owner\"}}}", "204"});
        REQUESTS.put("delete_profile_schema_relationship", new String[] {"DELETE", schema + "relationships/profile-object-schemas",
                "{\"data\":[{\"type\":\"profile-object-schema\",\"id\":\"profile\",\"meta\":{\"relationship_id\":"
                        + "\"{doomedProfileRelationship}\"}}]}", "204"});
        // Templates and universal content (issue 16): {template} and {content} exist, the doomed ones are deleted.
        REQUESTS.put("get_templates", new String[] {"GET", "/api/templates?sort=-name&filter=contains(name,%22Sweep%22)", null, "200"});
        REQUESTS.put("create_template", new String[] {"POST", "/api/templates", template("Sweep new"), "201"});
        REQUESTS.put("get_template", new String[] {"GET", "/api/templates/{template}", null, "200"});
        REQUESTS.put("update_template", new String[] {"PATCH", "/api/templates/{template}", "{\"data\":{\"type\":\"template\","
                + "\"id\":\"{template}\",\"attributes\":{\"name\":\"Swept\"}}}", "200"});
        REQUESTS.put("delete_template", new String[] {"DELETE", "/api/templates/{doomedTemplate}", null, "204"});
        REQUESTS.put("render_template", new String[] {"POST", "/api/template-render", "{\"data\":{\"type\":\"template\","
                + "\"id\":\"{template}\",\"attributes\":{\"context\":{\"first_name\":\"Jane\"}}}}", "201"});
        REQUESTS.put("clone_template", new String[] {"POST", "/api/template-clone", "{\"data\":{\"type\":\"template\","
                + "\"id\":\"{template}\",\"attributes\":{}}}", "201"});
        REQUESTS.put("get_all_universal_content", new String[] {"GET", "/api/template-universal-content?filter=equals(definition.type,%22html%22)"
                , null, "200"});
        REQUESTS.put("create_universal_content", new String[] {"POST", "/api/template-universal-content", universalContent("Sweep new"), "201"});
        REQUESTS.put("get_universal_content", new String[] {"GET", "/api/template-universal-content/{content}", null, "200"});
        REQUESTS.put("update_universal_content", new String[] {"PATCH", "/api/template-universal-content/{content}", "{\"data\":"
                + "{\"type\":\"template-universal-content\",\"id\":\"{content}\",\"attributes\":{\"name\":\"Swept\"}}}", "200"});
        REQUESTS.put("delete_universal_content", new String[] {"DELETE", "/api/template-universal-content/{doomedContent}", null, "204"});
        REQUESTS.put("get_tracking_settings", new String[] {"GET", "/api/tracking-settings", null, "200"});
        REQUESTS.put("get_tracking_setting", new String[] {"GET", "/api/tracking-settings/{account}", null, "200"});
        REQUESTS.put("update_tracking_setting", new String[] {"PATCH", "/api/tracking-settings/{account}", "{\"data\":{\"type\":"
                + "\"tracking-setting\",\"id\":\"{account}\",\"attributes\":{\"auto_add_parameters\":true,\"utm_term\":{\"flow\":"
                + "{\"type\":\"dynamic\",\"value\":\"link_alt_text\"},\"campaign\":{\"type\":\"static\",\"value\":\"t\"}},"
                + "\"custom_parameters\":[{\"name\":\"src\",\"flow\":null,\"campaign\":{\"type\":\"dynamic\",\"value\":\"campaign_id\"}}]}}}",
                "200"});
        // Images (issue 15): {image} exists; both uploads send a 1x1 GIF (all its bytes are ASCII, so it travels as a string),
        // the file one as a multipart form (its Content-Type is the fifth member).
        String image = "/api/images/{image}";
        REQUESTS.put("get_images", new String[] {"GET", "/api/images?sort=-size&filter=equals(format,'gif')", null, "200"});
        REQUESTS.put("upload_image_from_url", new String[] {"POST", "/api/images", "{\"data\":{\"type\":\"image\",\"attributes\":"
                + "{\"import_from_url\":\"data:image/gif;base64," + java.util.Base64.getEncoder().encodeToString(OperationSweepTest.GIF.getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1)) + "\",\"name\":\"Sweep\"}}}", "201"});
        REQUESTS.put("get_image", new String[] {"GET", image, null, "200"});
        REQUESTS.put("update_image", new String[] {"PATCH", image, "{\"data\":{\"type\":\"image\",\"id\":\"{image}\","
                + "\"attributes\":{\"name\":\"Swept\",\"hidden\":true}}}", "200"});
        REQUESTS.put("upload_image_from_file", new String[] {"POST", "/api/image-upload", "--sweep-boundary\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"sweep.gif\"\r\nContent-Type: image/gif\r\n\r\n" + OperationSweepTest.GIF
                + "\r\n--sweep-boundary\r\nContent-Disposition: form-data; name=\"hidden\"\r\n\r\ntrue\r\n--sweep-boundary--\r\n",
                "201", "multipart/form-data; boundary=sweep-boundary"});
    }

    /** A whole 1x1 GIF, every byte of it ASCII. */
    static final String GIF = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000,\u0000\u0000\u0000\u0000\u0001\u0000\u0001\u0000\u0000"
            + "\u0002\u0002D\u0001\u0000;";
    static String imageId;
    static {
        // Tags and tag groups (issue 15): {tag} is in {tagGroup}; the doomed ones are deleted. Campaigns do not exist yet,
        // so tagging them succeeds only with no ids.
        String tag = "/api/tags/{tag}";
        String group = "/api/tag-groups/{tagGroup}";
        REQUESTS.put("get_tags", new String[] {"GET", "/api/tags?include=tag-group&sort=-name&filter=" + "starts-with(name,%22Sweep%22)", null, "200"});
        REQUESTS.put("create_tag", new String[] {"POST", "/api/tags", tagBody("Sweep new"), "201"});
        REQUESTS.put("get_tag", new String[] {"GET", tag + "?include=tag-group", null, "200"});
        REQUESTS.put("update_tag", new String[] {"PATCH", tag, "{\"data\":{\"type\":\"tag\",\"id\":\"{tag}\",\"attributes\":{\"name\":\"Swept\"}}}", "204"});
        REQUESTS.put("delete_tag", new String[] {"DELETE", "/api/tags/{doomedTag}", null, "204"});
        REQUESTS.put("get_tag_groups", new String[] {"GET", "/api/tag-groups?filter=equals(exclusive,true)", null, "200"});
        REQUESTS.put("create_tag_group", new String[] {"POST", "/api/tag-groups", tagGroupBody("Sweep new"), "201"});
        REQUESTS.put("get_tag_group", new String[] {"GET", group, null, "200"});
        REQUESTS.put("update_tag_group", new String[] {"PATCH", group, "{\"data\":{\"type\":\"tag-group\",\"id\":\"{tagGroup}\","
                + "\"attributes\":{\"name\":\"Swept group\"}}}", "204"});
        REQUESTS.put("delete_tag_group", new String[] {"DELETE", "/api/tag-groups/{doomedTagGroup}", null, "204"});
        REQUESTS.put("get_tag_group_for_tag", new String[] {"GET", tag + "/tag-group", null, "200"});
        REQUESTS.put("get_tag_group_id_for_tag", new String[] {"GET", tag + "/relationships/tag-group", null, "200"});
        REQUESTS.put("get_tags_for_tag_group", new String[] {"GET", group + "/tags", null, "200"});
        REQUESTS.put("get_tag_ids_for_tag_group", new String[] {"GET", group + "/relationships/tags", null, "200"});
        REQUESTS.put("tag_lists", new String[] {"POST", tag + "/relationships/lists", "{\"data\":[{\"type\":\"list\",\"id\":\"{list}\"}]}", "204"});
        REQUESTS.put("get_list_ids_for_tag", new String[] {"GET", tag + "/relationships/lists", null, "200"});
        REQUESTS.put("remove_tag_from_lists", new String[] {"DELETE", tag + "/relationships/lists",
                "{\"data\":[{\"type\":\"list\",\"id\":\"{other}\"}]}", "204"});
        REQUESTS.put("tag_segments", new String[] {"POST", tag + "/relationships/segments",
                "{\"data\":[{\"type\":\"segment\",\"id\":\"{segment}\"}]}", "204"});
        REQUESTS.put("get_segment_ids_for_tag", new String[] {"GET", tag + "/relationships/segments", null, "200"});
        REQUESTS.put("remove_tag_from_segments", new String[] {"DELETE", tag + "/relationships/segments",
                "{\"data\":[{\"type\":\"segment\",\"id\":\"{doomedSegment}\"}]}", "204"});
        REQUESTS.put("tag_campaigns", new String[] {"POST", tag + "/relationships/campaigns",
                "{\"data\":[{\"type\":\"campaign\",\"id\":\"{campaign}\"}]}", "204"});
        REQUESTS.put("get_campaign_ids_for_tag", new String[] {"GET", tag + "/relationships/campaigns", null, "200"});
        REQUESTS.put("remove_tag_from_campaigns", new String[] {"DELETE", tag + "/relationships/campaigns",
                "{\"data\":[{\"type\":\"campaign\",\"id\":\"{campaign}\"}]}", "204"});
        REQUESTS.put("tag_flows", new String[] {"POST", tag + "/relationships/flows", "{\"data\":[{\"type\":\"flow\",\"id\":\"{flow}\"}]}", "204"});
        REQUESTS.put("get_flow_ids_for_tag", new String[] {"GET", tag + "/relationships/flows", null, "200"});
        REQUESTS.put("remove_tag_from_flows", new String[] {"DELETE", tag + "/relationships/flows",
                "{\"data\":[{\"type\":\"flow\",\"id\":\"{flow}\"}]}", "204"});
    }

    static {
        // Flows (issue 16): {flow} is triggered by {list}; its actions are a delay ({doomedFlowAction}, deleted) and an
        // email ({flowAction}) whose message is {flowMessage}.
        String flow = "/api/flows/{flow}";
        String action = "/api/flow-actions/{flowAction}";
        String message = "/api/flow-messages/{flowMessage}";
        REQUESTS.put("get_flows", new String[] {"GET", "/api/flows?include=flow-actions,tags&sort=-name&filter=equals(trigger_type,"
                + "%22Added%20to%20List%22)", null, "200"});
        REQUESTS.put("create_flow", new String[] {"POST", "/api/flows?additional-fields[flow]=definition", flowBody("Sweep new"), "201"});
        REQUESTS.put("get_flow", new String[] {"GET", flow + "?additional-fields[flow]=definition&include=flow-actions,tags", null, "200"});
        REQUESTS.put("update_flow", new String[] {"PATCH", flow, "{\"data\":{\"type\":\"flow\",\"id\":\"{flow}\","
                + "\"attributes\":{\"status\":\"manual\"}}}", "200"});
        REQUESTS.put("delete_flow", new String[] {"DELETE", "/api/flows/{doomedFlow}", null, "204"});
        REQUESTS.put("get_flow_action", new String[] {"GET", action + "?include=flow,flow-messages", null, "200"});
        REQUESTS.put("update_flow_action", new String[] {"PATCH", action, "{\"data\":{\"type\":\"flow-action\",\"id\":\"{flowAction}\","
                + "\"attributes\":{\"definition\":{\"type\":\"send-email\",\"data\":{\"status\":\"manual\",\"message\":"
                + "{\"subject_line\":\"Swept\"}}}}}}", "200"});
        REQUESTS.put("delete_flow_action", new String[] {"DELETE", "/api/flow-actions/{doomedFlowAction}", null, "204"});
        REQUESTS.put("get_flow_message", new String[] {"GET", message + "?include=flow-action,template", null, "200"});
        REQUESTS.put("get_template_for_flow_message", new String[] {"GET", message + "/template", null, "200"});
        REQUESTS.put("get_template_id_for_flow_message", new String[] {"GET", message + "/relationships/template", null, "200"});
        REQUESTS.put("get_actions_for_flow", new String[] {"GET", flow + "/flow-actions?filter=equals(action_type,%22send-email%22)"
                + "&sort=-created", null, "200"});
        REQUESTS.put("get_action_ids_for_flow", new String[] {"GET", flow + "/relationships/flow-actions?sort=status", null, "200"});
        REQUESTS.put("get_tags_for_flow", new String[] {"GET", flow + "/tags", null, "200"});
        REQUESTS.put("get_tag_ids_for_flow", new String[] {"GET", flow + "/relationships/tags", null, "200"});
        REQUESTS.put("get_flow_for_flow_action", new String[] {"GET", action + "/flow", null, "200"});
        REQUESTS.put("get_flow_id_for_flow_action", new String[] {"GET", action + "/relationships/flow", null, "200"});
        REQUESTS.put("get_flow_action_messages", new String[] {"GET", action + "/flow-messages?sort=name", null, "200"});
        REQUESTS.put("get_message_ids_for_flow_action", new String[] {"GET", action + "/relationships/flow-messages", null, "200"});
        REQUESTS.put("get_action_for_flow_message", new String[] {"GET", message + "/flow-action", null, "200"});
        REQUESTS.put("get_action_id_for_flow_message", new String[] {"GET", message + "/relationships/flow-action", null, "200"});
    }

    static {
        // Campaigns (issue 16): {campaign} is an email campaign to {list} excluding {segment}, its message
        // {campaignMessage}; {doomedCampaign} is deleted.
        String campaign = "/api/campaigns/{campaign}";
        String message = "/api/campaign-messages/{campaignMessage}";
        REQUESTS.put("get_campaigns", new String[] {"GET", "/api/campaigns?filter=equals(messages.channel,'email'),contains(name,'Sweep')"
                + "&include=campaign-messages,tags&sort=-created_at", null, "200"});
        REQUESTS.put("create_campaign", new String[] {"POST", "/api/campaigns", campaignBody("Sweep new"), "201"});
        REQUESTS.put("get_campaign", new String[] {"GET", campaign + "?include=campaign-messages,tags", null, "200"});
        REQUESTS.put("update_campaign", new String[] {"PATCH", campaign, "{\"data\":{\"type\":\"campaign\",\"id\":\"{campaign}\","
                + "\"attributes\":{\"name\":\"Sweep renamed\",\"send_options\":{\"use_smart_sending\":false}}}}", "200"});
        REQUESTS.put("delete_campaign", new String[] {"DELETE", "/api/campaigns/{doomedCampaign}", null, "204"});
        REQUESTS.put("create_campaign_clone", new String[] {"POST", "/api/campaign-clone", "{\"data\":{\"type\":\"campaign\","
                + "\"id\":\"{campaign}\",\"attributes\":{\"new_name\":\"Sweep clone\"}}}", "201"});
        REQUESTS.put("get_campaign_message", new String[] {"GET", message + "?include=campaign,template,image", null, "200"});
        REQUESTS.put("update_campaign_message", new String[] {"PATCH", message, "{\"data\":{\"type\":\"campaign-message\","
                + "\"id\":\"{campaignMessage}\",\"attributes\":{\"definition\":{\"channel\":\"email\",\"content\":"
                + "{\"subject\":\"Swept\"}}}}}", "200"});
        REQUESTS.put("assign_template_to_campaign_message", new String[] {"POST", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"{campaignMessage}\",\"relationships\":{\"template\":"
                        + "{\"data\":{\"type\":\"template\",\"id\":\"{template}\"}}}}}", "200"});
        REQUESTS.put("update_image_for_campaign_message", new String[] {"PATCH", message + "/relationships/image",
                "{\"data\":{\"type\":\"image\",\"id\":\"{image}\"}}", "204"});
        REQUESTS.put("get_campaign_for_campaign_message", new String[] {"GET", message + "/campaign", null, "200"});
        REQUESTS.put("get_campaign_id_for_campaign_message", new String[] {"GET", message + "/relationships/campaign", null, "200"});
        REQUESTS.put("get_template_for_campaign_message", new String[] {"GET", message + "/template", null, "200"});
        REQUESTS.put("get_template_id_for_campaign_message", new String[] {"GET", message + "/relationships/template", null, "200"});
        REQUESTS.put("get_image_for_campaign_message", new String[] {"GET", message + "/image", null, "200"});
        REQUESTS.put("get_image_id_for_campaign_message", new String[] {"GET", message + "/relationships/image", null, "200"});
        REQUESTS.put("get_tags_for_campaign", new String[] {"GET", campaign + "/tags", null, "200"});
        REQUESTS.put("get_tag_ids_for_campaign", new String[] {"GET", campaign + "/relationships/tags", null, "200"});
        REQUESTS.put("get_messages_for_campaign", new String[] {"GET", campaign + "/campaign-messages", null, "200"});
        REQUESTS.put("get_message_ids_for_campaign", new String[] {"GET", campaign + "/relationships/campaign-messages", null, "200"});
        // Sending: {sendCampaign} has a template and a sender and is scheduled for 2030, so its job waits to be reverted.
        REQUESTS.put("refresh_campaign_recipient_estimation", new String[] {"POST", "/api/campaign-recipient-estimation-jobs",
                "{\"data\":{\"type\":\"campaign-recipient-estimation-job\",\"id\":\"{campaign}\"}}", "202"});
        REQUESTS.put("get_campaign_recipient_estimation_job", new String[] {"GET", "/api/campaign-recipient-estimation-jobs/{campaign}",
                null, "200"});
        REQUESTS.put("get_campaign_recipient_estimation", new String[] {"GET", "/api/campaign-recipient-estimations/{campaign}", null, "200"});
        REQUESTS.put("send_campaign", new String[] {"POST", "/api/campaign-send-jobs",
                "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"{sendCampaign}\"}}", "202"});
        REQUESTS.put("get_campaign_send_job", new String[] {"GET", "/api/campaign-send-jobs/{sendCampaign}", null, "200"});
        REQUESTS.put("cancel_campaign_send", new String[] {"PATCH", "/api/campaign-send-jobs/{sendCampaign}",
                "{\"data\":{\"type\":\"campaign-send-job\",\"id\":\"{sendCampaign}\",\"attributes\":{\"action\":\"revert\"}}}", "204"});
    }

    /** An email campaign to {list}, excluding {segment}, with an image and a subject. */
    static String campaignBody(String name) {
        return "{\"data\":{\"type\":\"campaign\",\"attributes\":{\"name\":\"" + name + "\",\"audiences\":{\"included\":[\"{list}\"],"
                + "\"excluded\":[\"{segment}\"]},\"send_strategy\":{\"method\":\"static\",\"datetime\":\"2030-01-01T10:00:00Z\"},"
                + "\"tracking_options\":{\"is_tracking_opens\":false},\"campaign-messages\":{\"data\":[{\"type\":\"campaign-message\","
                + "\"attributes\":{\"definition\":{\"channel\":\"email\",\"label\":\"Main\",\"content\":{\"subject\":\"Hi\"}}},"
                + "\"relationships\":{\"image\":{\"data\":{\"type\":\"image\",\"id\":\"{image}\"}}}}]}}}}";
    }

    static String campaignId;
    static String doomedCampaignId;
    static String sendCampaignId;
    static String campaignMessageId;

    /** A flow triggered by {list}: a delay, then an email. */
    static String flowBody(String name) {
        return "{\"data\":{\"type\":\"flow\",\"attributes\":{\"name\":\"" + name + "\",\"definition\":{\"triggers\":"
                + "[{\"type\":\"list\",\"id\":\"{list}\"}],\"actions\":[{\"temporary_id\":\"d\",\"type\":\"time-delay\","
                + "\"links\":{\"next\":\"e\"},\"data\":{\"unit\":\"hours\",\"value\":2}},{\"temporary_id\":\"e\","
                + "\"type\":\"send-email\",\"data\":{\"message\":{\"subject_line\":\"Hi\",\"name\":\"Sweep email\",\"template_id\":\"{template}\"}}}],"
                + "\"entry_action_id\":\"d\"}}}}";
    }

    static String flowId;
    static String doomedFlowId;
    static String flowActionId;
    static String doomedFlowActionId;
    static String flowMessageId;

    static String tagBody(String name) {
        return "{\"data\":{\"type\":\"tag\",\"attributes\":{\"name\":\"" + name + "\"},\"relationships\":{\"tag-group\":"
                + "{\"data\":{\"type\":\"tag-group\",\"id\":\"{tagGroup}\"}}}}}";
    }

    static String tagGroupBody(String name) {
        return "{\"data\":{\"type\":\"tag-group\",\"attributes\":{\"name\":\"" + name + "\",\"exclusive\":true}}}";
    }

    static String tagId;
    static String doomedTagId;
    static String tagGroupId;
    static String doomedTagGroupId;
    static {
        // Webhooks (issue 15): {webhook} exists, {doomedWebhook} is deleted; the endpoint is never called (no topic fires).
        String webhook = "/api/webhooks/{webhook}";
        REQUESTS.put("get_webhooks", new String[] {"GET", "/api/webhooks?include=webhook-topics", null, "200"});
        REQUESTS.put("create_webhook", new String[] {"POST", "/api/webhooks", webhook("Sweep new"), "201"});
        REQUESTS.put("get_webhook", new String[] {"GET", webhook + "?include=webhook-topics", null, "200"});
        REQUESTS.put("update_webhook", new String[] {"PATCH", webhook, "{\"data\":{\"type\":\"webhook\",\"id\":\"{webhook}\","
                + "\"attributes\":{\"name\":\"Swept\",\"enabled\":false}}}", "200"});
        REQUESTS.put("delete_webhook", new String[] {"DELETE", "/api/webhooks/{doomedWebhook}", null, "204"});
        REQUESTS.put("get_webhook_topics", new String[] {"GET", "/api/webhook-topics", null, "200"});
        REQUESTS.put("get_webhook_topic", new String[] {"GET", "/api/webhook-topics/event:klaviyo.subscribed_to_sms_marketing", null, "200"});
    }

    static String webhook(String name) {
        return "{\"data\":{\"type\":\"webhook\",\"attributes\":{\"name\":\"" + name + "\",\"endpoint_url\":"
                + "\"https://hooks.example/in\",\"secret_key\":\"sweep-secret-0123456789\"},\"relationships\":{\"webhook-topics\":"
                + "{\"data\":[{\"type\":\"webhook-topic\",\"id\":\"event:klaviyo.unsubscribed_from_sms_marketing\"}]}}}}";
    }

    static String webhookId;
    static String doomedWebhookId;

    static String webFeed(String name) {
        return "{\"data\":{\"type\":\"web-feed\",\"attributes\":{\"name\":\"" + name + "\",\"url\":\"https://blog.example/feed.json\","
                + "\"request_method\":\"get\",\"content_type\":\"json\"}}}";
    }

    static String webFeedId;
    static String doomedWebFeedId;

    static String sweepMapping() {
        return "{\"id\":1,\"type\":\"simple\",\"source\":{\"source_id\":\"{dataSource}\","
                + "\"id_path\":\"$['id']\",\"data_path\":\"$['name']\"}}";
    }

    static String dataSource(String title) {
        return "{\"data\":{\"type\":\"data-source\",\"attributes\":{\"title\":\"" + title + "\"}}}";
    }

    /** An object type whose schema (one required string property, mapped from {dataSource}) is active at once. */
    static String objectType(String title) {
        return "{\"data\":{\"type\":\"object-type\",\"attributes\":{\"title\":\"" + title + "\",\"object-schema\":{\"data\":"
                + "{\"type\":\"object-schema\",\"attributes\":{\"status\":\"active\",\"properties\":[{\"id\":1,\"name\":\"name\","
                + "\"type\":\"string\"}],\"required\":[\"name\"],\"source-mapping\":{\"data\":{\"type\":\"source-mapping\","
                + "\"attributes\":{\"property_mappings\":[" + sweepMapping() + "]}}}}}}}}}";
    }

    static String dataSourceId;
    static String doomedDataSourceId;
    static final Map<String, String> customObjects = new LinkedHashMap<>();

    /** The definitions the custom object operations read and change. */
    static void customObjects() {
        dataSourceId = server.api().post("create_data_source", "/api/data-sources", dataSource("Sweep")).data().get("id").asText();
        doomedDataSourceId = server.api().post("create_data_source", "/api/data-sources", dataSource("Doomed")).data().get("id").asText();
        var type = server.api().post("create_object_type", "/api/object-types", objectType("Sweep").replace("{dataSource}", dataSourceId));
        assertThat(type.status()).as(type.text()).isEqualTo(201);
        String typeId = type.data().get("id").asText();
        customObjects.put("{doomedObjectType}", server.api().post("create_object_type", "/api/object-types",
                objectType("Doomed").replace("{dataSource}", dataSourceId)).data().get("id").asText());
        customObjects.put("{objectType}", typeId);
        customObjects.put("{currentSchema}", type.data().at("/relationships/current-schema/data/id").asText());
        var draft = server.api().post("create_object_schema", "/api/object-schemas", "{\"data\":{\"type\":\"object-schema\","
                + "\"attributes\":{\"title\":\"Sweep v2\",\"properties\":[{\"id\":1,\"name\":\"name\",\"type\":\"string\"}]},"
                + "\"relationships\":{\"object-type\":{\"data\":{\"type\":\"object-type\",\"id\":\"" + typeId + "\"}}}}}");
        assertThat(draft.status()).as(draft.text()).isEqualTo(201);
        String draftId = draft.data().get("id").asText();
        customObjects.put("{draftSchema}", draftId);
        customObjects.put("{draftMapping}", draft.data().at("/relationships/source-mapping/data/id").asText());
        String schema = "/api/object-schemas/" + draftId + "/relationships/";
        assertThat(server.api().post("create_object_schema_relationship", schema + "object-schemas", "{\"data\":["
                + "{\"type\":\"object-schema\",\"id\":\"" + customObjects.get("{currentSchema}") + "\",\"meta\":{\"name\":\"related\"}},"
                + "{\"type\":\"object-schema\",\"id\":\"" + customObjects.get("{currentSchema}") + "\",\"meta\":{\"name\":\"doomed\"}}]}")
                .status()).isEqualTo(204);
        assertThat(server.api().post("create_profile_schema_relationship", schema + "profile-object-schemas", "{\"data\":["
                + "{\"type\":\"profile-object-schema\",\"id\":\"profile\",\"meta\":{\"name\":\"owner\"}},"
                + "{\"type\":\"profile-object-schema\",\"id\":\"profile\",\"meta\":{\"name\":\"doomed-owner\"}}]}").status()).isEqualTo(204);
        var included = server.api().get("get_object_schema", "/api/object-schemas/" + draftId
                + "?include=object-schemas,profile-object-schemas").body().get("included");
        for (var r : included) {
            String name = r.at("/attributes/meta/name").asText();
            String key = switch (name) {
                case "related" -> "{objectRelationship}";
                case "doomed" -> "{doomedObjectRelationship}";
                case "owner" -> "{profileRelationship}";
                default -> "{doomedProfileRelationship}";
            };
            customObjects.put(key, r.at("/attributes/meta/relationship_id").asText());
        }
    }

    static String form(String name) {
        return "{\"data\":{\"type\":\"form\",\"attributes\":{\"name\":\"" + name + "\",\"status\":\"draft\",\"ab_test\":false,"
                + "\"definition\":{\"versions\":[{\"type\":\"popup\",\"steps\":[{\"columns\":[]}]}]}}}}";
    }

    static String formId;
    static String doomedFormId;
    static String formVersionId;

    static String template(String name) {
        return "{\"data\":{\"type\":\"template\",\"attributes\":{\"name\":\"" + name + "\",\"editor_type\":\"CODE\","
                + "\"html\":\"<p>Hi {{ first_name|default:'there' }}</p>\",\"text\":\"Hi {{ first_name }}\"}}}";
    }

    static String universalContent(String name) {
        return "{\"data\":{\"type\":\"template-universal-content\",\"attributes\":{\"name\":\"" + name + "\",\"definition\":"
                + "{\"content_type\":\"block\",\"type\":\"html\",\"data\":{\"content\":\"<p>Footer</p>\",\"display_options\":{}}}}}}";
    }

    static String templateId;
    static String doomedTemplateId;
    static String contentId;
    static String doomedContentId;

    /** A bulk job body of one record; updates and deletes name resources that do not exist, so they touch nothing. */
    static String catalogJob(String kind, String verb) {
        String member = kind.equals("category") ? "categories" : kind + "s";
        String record = switch (verb) {
            case "create" -> (kind.equals("item") ? catalogItem("SWEEP-BULK-I") : kind.equals("variant") ? catalogVariant("SWEEP-BULK-V")
                    : catalogCategory("SWEEP-BULK-C")).replaceFirst("^\\{\"data\":", "").replaceFirst("}$", "");
            case "update" -> "{\"type\":\"catalog-" + kind + "\",\"id\":\"$custom:::$default:::SWEEP-NONE\",\"attributes\":{\""
                    + (kind.equals("category") ? "name" : "title") + "\":\"U\"}}";
            default -> "{\"type\":\"catalog-" + kind + "\",\"id\":\"$custom:::$default:::SWEEP-NONE\"}";
        };
        return "{\"data\":{\"type\":\"catalog-" + kind + "-bulk-" + verb + "-job\",\"attributes\":{\"" + member + "\":{\"data\":["
                + record + "]}}}}";
    }

    static String coupon(String externalId) {
        return "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"" + externalId + "\",\"description\":\"D\","
                + "\"monitor_configuration\":{\"low_balance_threshold\":10}}}}";
    }

    static String couponCode(String code) {
        return "{\"data\":{\"type\":\"coupon-code\",\"attributes\":{\"unique_code\":\"" + code + "\",\"expires_at\":"
                + "\"2030-01-01T00:00:00Z\"},\"relationships\":{\"coupon\":{\"data\":{\"type\":\"coupon\",\"id\":\"SWEEP-COUPON\"}}}}}";
    }

    static final Map<String, String> catalogJobs = new LinkedHashMap<>();

    static String catalogItem(String externalId) {
        return "{\"data\":{\"type\":\"catalog-item\",\"attributes\":{\"external_id\":\"" + externalId + "\",\"title\":\"T\","
                + "\"description\":\"D\",\"url\":\"https://shop.example/i\",\"price\":10,\"images\":[\"https://shop.example/1.png\"],"
                + "\"custom_metadata\":{\"k\":\"v\"}},\"relationships\":{\"categories\":{\"data\":[]}}}}";
    }

    static String catalogVariant(String externalId) {
        return "{\"data\":{\"type\":\"catalog-variant\",\"attributes\":{\"external_id\":\"" + externalId + "\",\"title\":\"V\","
                + "\"description\":\"D\",\"sku\":\"S\",\"inventory_quantity\":3,\"price\":10,\"url\":\"https://shop.example/v\"},"
                + "\"relationships\":{\"item\":{\"data\":{\"type\":\"catalog-item\",\"id\":\"{item}\"}}}}}";
    }

    static String catalogCategory(String externalId) {
        return "{\"data\":{\"type\":\"catalog-category\",\"attributes\":{\"external_id\":\"" + externalId + "\",\"name\":\"C\"},"
                + "\"relationships\":{\"items\":{\"data\":[{\"type\":\"catalog-item\",\"id\":\"{item}\"}]}}}}";
    }

    static String company;
    static String eventId;
    static String metricId;
    static String propertyId;

    static String suppression(String which) {
        return "{\"data\":{\"type\":\"profile-suppression-bulk-" + which + "-job\",\"attributes\":{\"profiles\":{\"data\":["
                + "{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-suppressed@example.com\"}}]}}}}";
    }

    static String suppressJobId;
    static String unsuppressJobId;

    static String jobId;
    static String segmentId;
    static String doomedSegmentId;
    static String listId;
    static String otherListId;
    static String doomedListId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        company = server.publicKey("default");
        try { // the client reads answer what the operator configured
            dev.openprofile.testing.AdminApi.send(server, "PUT", "/admin/accounts/default/geofences",
                    "{\"geofences\":[{\"latitude\":40.7,\"longitude\":-74,\"radius\":100}]}");
            dev.openprofile.testing.AdminApi.send(server, "PUT", "/admin/accounts/default/ip-allowlists",
                    "{\"prefixes\":[\"192.0.2.0/24\"]}");
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        profileId = server.api().post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep@example.com\"}}}").data().get("id").asText();
        mergeSourceId = server.api().post("create_profile", "/api/profiles",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-merged@example.com\"}}}").data().get("id").asText();
        for (String token : new String[] {"sweep-token", "sweep-doomed"}) {
            server.api().post("create_push_token", "/api/push-tokens", pushToken(token, "push-token"));
        }
        listId = newList();
        otherListId = newList();
        doomedListId = newList();
        server.api().post("add_profiles_to_list", "/api/lists/" + listId + "/relationships/profiles",
                "{\"data\":[{\"type\":\"profile\",\"id\":\"" + profileId + "\"}]}");
        // The definition selects every @example.com profile: the member reads carry sweep@example.com.
        segmentId = newSegment();
        doomedSegmentId = newSegment();
        jobId = server.api().post("bulk_import_profiles", "/api/profile-bulk-import-jobs",
                "{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"sweep-job@example.com\"}}]}},"
                        + "\"relationships\":{\"lists\":{\"data\":[{\"type\":\"list\",\"id\":\"" + listId + "\"}]}}}}")
                .data().get("id").asText();
        suppressJobId = server.api().post("bulk_suppress_profiles", "/api/profile-suppression-bulk-create-jobs",
                suppression("create")).data().get("id").asText();
        unsuppressJobId = server.api().post("bulk_unsuppress_profiles", "/api/profile-suppression-bulk-delete-jobs",
                suppression("delete")).data().get("id").asText();
        server.api().post("create_event", "/api/events", EVENT);
        var event = server.api().get("get_events", "/api/events").data().get(0);
        eventId = event.get("id").asText();
        metricId = event.at("/relationships/metric/data/id").asText();
        accountId = server.api().get("get_accounts", "/api/accounts").data().get(0).get("id").asText();
        talkerId = server.api().post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"sweep-talker@example.com\",\"phone_number\":\"+14155550199\"}}}").data().get("id").asText();
        conversationId = adminJson("POST", "/admin/conversations/messages",
                "{\"profile_id\":\"" + talkerId + "\",\"channel\":\"sms\",\"body\":\"Sweep\"}").get("conversation_id").asText();
        String catalog = "$custom:::$default:::";
        for (String[] made : new String[][] {{"create_catalog_item", "/api/catalog-items", catalogItem("SWEEP-ITEM")},
                {"create_catalog_item", "/api/catalog-items", catalogItem("SWEEP-DOOMED")},
                {"create_catalog_variant", "/api/catalog-variants", catalogVariant("SWEEP-VAR")},
                {"create_catalog_variant", "/api/catalog-variants", catalogVariant("SWEEP-DOOMED-V")},
                {"create_catalog_category", "/api/catalog-categories", catalogCategory("SWEEP-CAT")},
                {"create_catalog_category", "/api/catalog-categories", catalogCategory("SWEEP-DOOMED-C")}}) {
            var created = server.api().post(made[0], made[1], made[2].replace("{item}", catalog + "SWEEP-ITEM"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
        webFeedId = server.api().post("create_web_feed", "/api/web-feeds", webFeed("Sweep")).data().get("id").asText();
        doomedWebFeedId = server.api().post("create_web_feed", "/api/web-feeds", webFeed("Doomed")).data().get("id").asText();
        com.fasterxml.jackson.databind.JsonNode sweepForm = server.api().post("create_form", "/api/forms", form("Sweep")).data();
        formId = sweepForm.get("id").asText();
        formVersionId = sweepForm.at("/attributes/definition/versions/0/id").asText();
        doomedFormId = server.api().post("create_form", "/api/forms", form("Doomed")).data().get("id").asText();
        tagGroupId = server.api().post("create_tag_group", "/api/tag-groups", tagGroupBody("Sweep")).data().get("id").asText();
        doomedTagGroupId = server.api().post("create_tag_group", "/api/tag-groups", tagGroupBody("Doomed")).data().get("id").asText();
        tagId = server.api().post("create_tag", "/api/tags", tagBody("Sweep").replace("{tagGroup}", tagGroupId)).data().get("id").asText();
        doomedTagId = server.api().post("create_tag", "/api/tags", tagBody("Doomed").replace("{tagGroup}", tagGroupId))
                .data().get("id").asText();
        templateId = server.api().post("create_template", "/api/templates", template("Sweep")).data().get("id").asText();
        doomedTemplateId = server.api().post("create_template", "/api/templates", template("Doomed")).data().get("id").asText();
        contentId = server.api().post("create_universal_content", "/api/template-universal-content", universalContent("Sweep"))
                .data().get("id").asText();
        doomedContentId = server.api().post("create_universal_content", "/api/template-universal-content", universalContent("Doomed"))
                .data().get("id").asText();
        webhookId = server.api().post("create_webhook", "/api/webhooks", webhook("Sweep")).data().get("id").asText();
        doomedWebhookId = server.api().post("create_webhook", "/api/webhooks", webhook("Doomed")).data().get("id").asText();
        for (String[] made : new String[][] {{"create_coupon", "/api/coupons", coupon("SWEEP-COUPON")},
                {"create_coupon", "/api/coupons", coupon("SWEEP-DOOMED-COUPON")},
                {"create_coupon_code", "/api/coupon-codes", couponCode("SWEEP-CODE")},
                {"create_coupon_code", "/api/coupon-codes", couponCode("DOOMED-CODE")}}) {
            var created = server.api().post(made[0], made[1], made[2]);
            assertThat(created.status()).as(created.text()).isIn(200, 201);
        }
        var flow = server.api().post("create_flow", "/api/flows?additional-fields[flow]=definition", flowBody("Sweep").replace("{list}", listId)
                .replace("{template}", templateId));
        assertThat(flow.status()).as(flow.text()).isEqualTo(201);
        flowId = flow.data().get("id").asText();
        doomedFlowActionId = flow.data().at("/attributes/definition/actions/0/id").asText();
        flowActionId = flow.data().at("/attributes/definition/actions/1/id").asText();
        flowMessageId = flow.data().at("/attributes/definition/actions/1/data/message/id").asText();
        doomedFlowId = server.api().post("create_flow", "/api/flows", flowBody("Doomed").replace("{list}", listId)
                .replace("{template}", templateId)).data().get("id").asText();
        imageId = server.api().post("upload_image_from_url", "/api/images", REQUESTS.get("upload_image_from_url")[2])
                .data().get("id").asText();
        var campaign = server.api().post("create_campaign", "/api/campaigns", campaignBody("Sweep").replace("{list}", listId).replace("{segment}", segmentId).replace("{image}", imageId));
        assertThat(campaign.status()).as(campaign.text()).isEqualTo(201);
        campaignId = campaign.data().get("id").asText();
        campaignMessageId = server.api().get("get_message_ids_for_campaign", "/api/campaigns/" + campaignId
                + "/relationships/campaign-messages").data().get(0).get("id").asText();
        sendCampaignId = server.api().post("create_campaign", "/api/campaigns", campaignBody("Sweep send").replace("{list}", listId)
                .replace("{segment}", segmentId).replace("{image}", imageId)
                .replace("\"subject\":\"Hi\"", "\"subject\":\"Hi\",\"from_email\":\"shop@example.com\"")).data().get("id").asText();
        assertThat(server.api().post("assign_template_to_campaign_message", "/api/campaign-message-assign-template",
                "{\"data\":{\"type\":\"campaign-message\",\"id\":\"" + server.api().get("get_message_ids_for_campaign", "/api/campaigns/"
                        + sendCampaignId + "/relationships/campaign-messages").data().get(0).get("id").asText() + "\",\"relationships\":"
                        + "{\"template\":{\"data\":{\"type\":\"template\",\"id\":\"" + templateId + "\"}}}}}").status()).isEqualTo(200);
        doomedCampaignId = server.api().post("create_campaign", "/api/campaigns", campaignBody("Doomed").replace("{list}", listId)
                .replace("{segment}", segmentId).replace("{image}", imageId)).data().get("id").asText();
        customMetricId = server.api().post("create_custom_metric", "/api/custom-metrics", customMetric("Sweep").replace("{metric}", metricId))
                .data().get("id").asText();
        doomedCustomMetricId = server.api().post("create_custom_metric", "/api/custom-metrics", customMetric("Doomed").replace("{metric}", metricId))
                .data().get("id").asText();
        assertThat(server.api().patch("update_mapped_metric", "/api/mapped-metrics/added_to_cart", "{\"data\":{\"type\":"
                + "\"mapped-metric\",\"id\":\"added_to_cart\",\"relationships\":{\"custom-metric\":{\"data\":{\"type\":"
                + "\"custom-metric\",\"id\":\"" + customMetricId + "\"}}}}}").status()).isEqualTo(200);
        var review = server.clientApi().post("create_client_review", "/client/reviews?company_id=" + company, "{\"data\":{"
                + "\"type\":\"review\",\"attributes\":{\"review_type\":\"question\",\"email\":\"sweep-asker@example.com\","
                + "\"author\":\"Asker\",\"content\":\"Sweep question\",\"product\":{\"external_id\":\"SWEEP-ITEM\","
                + "\"integration_key\":\"woocommerce\"}}}}");
        assertThat(review.status()).as(review.text()).isEqualTo(202);
        reviewId = server.api().get("get_reviews", "/api/reviews").data().get(0).get("id").asText();
        customObjects();
        var definitions = new dev.openprofile.objectrecords.Definitions(server.jdbc(), server.jdbc().read(c ->
                dev.openprofile.store.Statements.text(c, "select account_id from account where name = 'default'").orElseThrow()));
        recordSourceId = definitions.dataSource("Sweep records");
        recordTypeId = definitions.type("Sweep records").property(1, "name", "string", true)
                .map(1, recordSourceId, "$['id']", "$['name']").active().id;
        String sweepRecords = "{\"data\":{\"type\":\"data-source-record-bulk-create-job\",\"attributes\":{\"data-source-records\":"
                + "{\"data\":[{\"type\":\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"S-1\",\"name\":\"One\"}}},"
                + "{\"type\":\"data-source-record\",\"attributes\":{\"record\":{\"id\":\"S-0\"}}}]}},\"relationships\":"
                + "{\"data-source\":{\"data\":{\"type\":\"data-source\",\"id\":\"" + recordSourceId + "\"}}}}}";
        assertThat(server.api().post("bulk_create_data_source_records", "/api/data-source-record-bulk-create-jobs", sweepRecords)
                .status()).isEqualTo(204);
        server.awaitJobs();
        propertyId = server.api().get("get_properties_for_metric", "/api/metrics/" + metricId + "/metric-properties")
                .data().get(0).get("id").asText();
        for (var e : REQUESTS.entrySet()) {
            String[] r = e.getValue();
            if (r[0].equals("POST") && (r[1].startsWith("/api/catalog-") || r[1].startsWith("/api/coupon-")) && r[1].endsWith("-jobs")) {
                var job = server.api().post(e.getKey(), r[1], fill(r[2]));
                assertThat(job.status()).as(job.text()).isEqualTo(202);
                catalogJobs.put("{cjob:" + job.data().get("type").asText() + "}", job.data().get("id").asText());
            }
        }
    }

    static com.fasterxml.jackson.databind.JsonNode adminJson(String method, String path, String body) {
        try {
            return dev.openprofile.jsonapi.Json.MAPPER.readTree(dev.openprofile.testing.AdminApi.send(server, method, path, body).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String newList() {
        return server.api().post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"L\"}}}")
                .data().get("id").asText();
    }

    static String newSegment() {
        return server.api().post("create_segment", "/api/segments", REQUESTS.get("create_segment")[2])
                .data().get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Set<String> implemented() throws IOException {
        Set<String> ops = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("../docs/operation-status.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length >= 2 && (cols[1].startsWith("implemented") || cols[1].startsWith("partial"))) ops.add(cols[0]);
        }
        return ops;
    }

    @Test
    void everyImplementedOperationIsSwept() throws IOException {
        assertThat(REQUESTS.keySet()).containsExactlyInAnyOrderElementsOf(implemented());
    }

    static Stream<String> operations() {
        return REQUESTS.keySet().stream();
    }

    static String fill(String s) {
        return s.replace("{id}", profileId).replace("{list}", listId).replace("{other}", otherListId)
                .replace("{doomed}", doomedListId).replace("{job}", jobId)
                .replace("{segment}", segmentId).replace("{doomedSegment}", doomedSegmentId)
                .replace("{sjob}", suppressJobId).replace("{ujob}", unsuppressJobId)
                .replace("{event}", eventId).replace("{metric}", metricId).replace("{property}", propertyId)
                .replace("{account}", accountId).replace("{talker}", talkerId).replace("{conversation}", conversationId)
                .replace("{mergeSource}", mergeSourceId).replace("{recordSource}", recordSourceId).replace("{recordType}", recordTypeId).replace("{review}", reviewId).replace("{company}", company)
                .replace("{doomedItem}", "$custom:::$default:::SWEEP-DOOMED").replace("{item}", "$custom:::$default:::SWEEP-ITEM")
                .replace("{doomedVariant}", "$custom:::$default:::SWEEP-DOOMED-V").replace("{variant}", "$custom:::$default:::SWEEP-VAR")
                .replace("{doomedCategory}", "$custom:::$default:::SWEEP-DOOMED-C")
                .replace("{category}", "$custom:::$default:::SWEEP-CAT")
                .replace("{doomedTagGroup}", doomedTagGroupId).replace("{tagGroup}", tagGroupId)
                .replace("{doomedTag}", doomedTagId).replace("{tag}", tagId).replace("{image}", imageId)
                .replace("{doomedCampaign}", doomedCampaignId).replace("{sendCampaign}", sendCampaignId).replace("{campaignMessage}", campaignMessageId).replace("{campaign}", campaignId)
                .replace("{doomedCustomMetric}", doomedCustomMetricId).replace("{customMetric}", customMetricId)
                .replace("{doomedWebFeed}", doomedWebFeedId).replace("{webFeed}", webFeedId)
                .replace("{doomedForm}", doomedFormId).replace("{formVersion}", formVersionId).replace("{form}", formId)
                .replace("{doomedFlowAction}", doomedFlowActionId).replace("{flowAction}", flowActionId)
                .replace("{flowMessage}", flowMessageId).replace("{doomedFlow}", doomedFlowId).replace("{flow}", flowId)
                .replace("{doomedTemplate}", doomedTemplateId).replace("{template}", templateId)
                .replace("{doomedContent}", doomedContentId).replace("{content}", contentId)
                .replace("{doomedWebhook}", doomedWebhookId).replace("{webhook}", webhookId).transform(OperationSweepTest::fillCatalogJobs)
                .replace("{doomedDataSource}", doomedDataSourceId).replace("{dataSource}", dataSourceId)
                .transform(OperationSweepTest::fillCustomObjects);
    }

    static String fillCustomObjects(String s) {
        for (var e : customObjects.entrySet()) s = s.replace(e.getKey(), e.getValue());
        return s;
    }

    static String fillCatalogJobs(String s) {
        for (var e : catalogJobs.entrySet()) s = s.replace(e.getKey(), e.getValue());
        return s;
    }

    @ParameterizedTest
    @MethodSource("operations")
    void answersWithASchemaValidBody(String operationId) {
        String[] r = REQUESTS.get(operationId);
        Api api = r[1].startsWith("/client/") ? server.clientApi() : server.api();
        Map<String, String> headers = r.length > 4 ? Map.of("Content-Type", r[4]) : Map.of();
        Api.Response response = api.send(operationId, r[0], fill(r[1]), r[2] == null ? null : fill(r[2]), headers);
        // "202 empty": the spec's "Success — no body" (the subscription jobs).
        int status = Integer.parseInt(r[3].split(" ")[0]);
        assertThat(response.status()).isEqualTo(status);
        if (status == 204 || r[3].endsWith("empty")) assertThat(response.text()).isEmpty();
        else assertThat(response.body().get("data")).isNotNull();
    }
}
