package dev.openprofile.pushtokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.profiles.ProfileDescriptor;
import dev.openprofile.store.Keyset;
import java.util.Map;

/**
 * The wire shape of a push token, and the columns of get_push_tokens' filters (operators and values come
 * from the spec). Pages run in id order: the operation has no sort.
 */
public final class PushTokenDescriptor {
    static final String TYPE = "push-token";
    static final String PATH = "/api/push-tokens";
    static final Map<String, String> FILTER_COLUMNS = Map.of("id", "t.id", "profile.id", "t.profile_id",
            "enablement_status", "t.enablement_status", "platform", "t.platform");
    static final Map<String, Keyset> SORTS = Map.of("id", new Keyset("t.id", "text", "t.id", false));

    private PushTokenDescriptor() {}

    static ObjectNode resource(PushToken t, Query query, Links links) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("created", Rfc3339.format(t.created()));
        a.put("token", t.token());
        a.put("enablement_status", t.enablementStatus());
        a.put("platform", t.platform());
        a.put("vendor", t.vendor());
        a.put("background", t.background());
        a.put("recorded_date", Rfc3339.format(t.recordedDate()));
        if (t.metadata() == null) {
            a.putNull("metadata");
        } else {
            ObjectNode m = a.putObject("metadata");
            for (String key : PushTokenInput.METADATA.keySet()) m.set(key, t.metadata().get(key));
            for (String key : PushTokenInput.METADATA.keySet()) if (m.get(key) == null) m.putNull(key);
        }
        ObjectNode node = Resources.resource(TYPE, t.id(), a, query, links.resource(PATH, t.id()));
        ObjectNode profile = Resources.relationshipLinks(links, PATH, t.id(), "profile");
        // A token always has its profile: the to-one linkage is shown, as on events.
        profile.set("data", ProfileDescriptor.identifier(t.profileId()));
        profile.set("links", profile.remove("links"));
        node.putObject("relationships").set("profile", profile);
        node.set("links", node.remove("links"));
        return node;
    }

    static ObjectNode identifier(String id) {
        return Resources.identifier(TYPE, id);
    }
}
