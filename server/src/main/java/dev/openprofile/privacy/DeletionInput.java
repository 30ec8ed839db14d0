package dev.openprofile.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.profiles.Identifier;
import dev.openprofile.profiles.ProfileInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a request_profile_deletion body (DataPrivacyCreateDeletionJobQuery): exactly one of email,
 * phone_number or id ("If multiple identifiers are provided, we will return an error", semantics §16), each
 * error pointing at the member at fault. The id form without {@code attributes}, which integrations written
 * for older revisions send, is accepted (issue 21).
 */
final class DeletionInput {
    static final String TYPE = "data-privacy-deletion-job";
    static final String PROFILE = "/data/attributes/profile/data";

    /** The one identifier and its value (an email or phone number as the profile rules validate them). */
    record Request(Identifier identifier, String value) {}

    private DeletionInput() {}

    static Request parse(JsonNode data) {
        object(data, "/data");
        allowOnly(data, "/data", Set.of("type", "attributes"));
        if (!data.path("type").isTextual() || !TYPE.equals(data.get("type").asText())) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + TYPE + "'.");
        }
        JsonNode attributes = object(data.get("attributes"), "/data/attributes");
        allowOnly(attributes, "/data/attributes", Set.of("profile"));
        JsonNode profile = object(object(attributes.get("profile"), "/data/attributes/profile").get("data"), PROFILE);
        allowOnly(profile, PROFILE, Set.of("type", "id", "attributes"));
        if (!profile.path("type").isTextual() || !"profile".equals(profile.get("type").asText())) {
            throw ApiError.invalidPointer(PROFILE + "/type", "'type' must be 'profile'.");
        }
        JsonNode identifiers = profile.get("attributes");
        if (identifiers != null && !identifiers.isNull()) {
            object(identifiers, PROFILE + "/attributes");
            allowOnly(identifiers, PROFILE + "/attributes", Set.of("email", "phone_number"));
        }
        List<Given> given = new ArrayList<>();
        if (profile.hasNonNull("id")) given.add(new Given(Identifier.ID, PROFILE + "/id", profile.get("id")));
        for (Identifier i : List.of(Identifier.EMAIL, Identifier.PHONE_NUMBER)) {
            if (identifiers != null && identifiers.hasNonNull(i.wire)) {
                given.add(new Given(i, PROFILE + "/attributes/" + i.wire, identifiers.get(i.wire)));
            }
        }
        if (given.isEmpty()) {
            throw ApiError.invalidPointer(identifiers == null || identifiers.isNull() ? PROFILE : PROFILE + "/attributes",
                    "One of email, phone_number or id is required to identify the profiles to delete.");
        }
        if (given.size() > 1) {
            throw ApiError.invalidPointer(given.get(1).pointer(),
                    "Only one of email, phone_number or id may be given; this request gives more than one.");
        }
        Given one = given.get(0);
        if (!one.value().isTextual() || one.value().asText().isBlank()) {
            throw ApiError.invalidPointer(one.pointer(), "'" + one.identifier().wire + "' must be a non-empty string.");
        }
        String text = one.value().asText();
        return new Request(one.identifier(), switch (one.identifier()) {
            case ID -> text;
            case EMAIL -> ProfileInput.email(text.strip(), one.pointer());
            case PHONE_NUMBER -> ProfileInput.phone(text.strip(), one.pointer());
        });
    }

    private record Given(Identifier identifier, String pointer, JsonNode value) {}

    private static JsonNode object(JsonNode v, String pointer) {
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (v == null || v.isNull()) throw ApiError.invalidPointer(pointer, "'" + key + "' is required.");
        if (!v.isObject()) throw ApiError.invalidPointer(pointer, "'" + key + "' must be an object.");
        return v;
    }

    private static void allowOnly(JsonNode node, String pointer, Set<String> allowed) {
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed here.");
            }
        });
    }
}
