package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.List;

/** Requests and reads the consent tests share. */
final class ConsentApiTestSupport {
    static final String SUBS = "additional-fields%5Bprofile%5D=subscriptions";

    private ConsentApiTestSupport() {}

    static String list(Api api, String name, String optIn) {
        return api.post("create_list", "/api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name
                + "\",\"opt_in_process\":\"" + optIn + "\"}}}").data().get("id").asText();
    }

    static String emailProfile(String email, String consent) {
        return "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"subscriptions\":{\"email\":{\"marketing\":"
                + "{\"consent\":\"" + consent + "\"}}}}}";
    }

    static String relationship(String list) {
        return list == null ? "" : ",\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":\"" + list + "\"}}}";
    }

    static void subscribe(Api api, String email, String list) {
        api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + emailProfile(email, "SUBSCRIBED") + "]}}" + relationship(list) + "}}");
    }

    static void unsubscribe(Api api, String email) {
        unsubscribe(api, email, null);
    }

    /** Unsubscribes the email from email marketing, naming {@code list} (null: none). */
    static void unsubscribe(Api api, String email, String list) {
        api.post("bulk_unsubscribe_profiles", "/api/profile-subscription-bulk-delete-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-delete-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + emailProfile(email, "UNSUBSCRIBED") + "]}}" + relationship(list) + "}}");
    }

    static List<String> memberIds(Api api, String listId) {
        return api.get("get_profile_ids_for_list", "/api/lists/" + listId + "/relationships/profiles").data().findValuesAsText("id");
    }

    static void suppress(Api api, String email, boolean suppress) {
        String which = suppress ? "create" : "delete";
        api.post(suppress ? "bulk_suppress_profiles" : "bulk_unsuppress_profiles", "/api/profile-suppression-bulk-" + which + "-jobs",
                "{\"data\":{\"type\":\"profile-suppression-bulk-" + which + "-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}]}}}}");
    }

    /** Subscription jobs answer 202 with no body and have no GET: wait until the queue is empty. */
    static void awaitJobs(TestServer server) throws InterruptedException {
        server.awaitJobs();
    }

    /** The profile's subscriptions.email.marketing, or null when no profile has the email. */
    static JsonNode marketingOrNull(Api api, String email) {
        var r = api.get("get_profiles", "/api/profiles?" + SUBS + "&filter=equals(email,%22" + email + "%22)");
        return r.data().isEmpty() ? null : r.data().get(0).at("/attributes/subscriptions/email/marketing");
    }
}
