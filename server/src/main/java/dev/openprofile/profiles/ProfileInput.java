package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.openprofile.jsonapi.ApiError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a profile resource object of a request (create, update or upsert shape), with
 * every error pointing at the member at fault. The pointer base lets bulk import reuse it per item.
 */
public final class ProfileInput {
    /**
     * CLIENT: create_client_profile's OnsiteProfileCreateQuery, the upsert shape plus anonymous_id; EVENT: an event's
     * profile (EventProfileCreateQueryResourceObject), the upsert shape plus anonymous_id.
     */
    enum Shape { CREATE, UPDATE, UPSERT, CLIENT, EVENT }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"(),:;<>\\[\\]\\\\]+@[^@\\s\"(),:;<>\\[\\]\\\\]+\\.[A-Za-z0-9-]{2,}$");
    private static final Set<String> LOCATION_KEYS = Set.of("address1", "address2", "city", "country", "latitude",
            "longitude", "region", "zip", "timezone", "ip");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ProfileInput() {}

    /**
     * One profile of a bulk import: the create_or_update_profile shape, with errors pointing below
     * {@code base} (e.g. /data/attributes/profiles/data/7). The same rules as the single upsert.
     */
    public static ProfileChanges parseUpsert(JsonNode data, String base) {
        return parse(data, Shape.UPSERT, base);
    }

    /**
     * The profile of a client endpoint (create_client_profile, a client event's or subscription's
     * profile): the upsert's rules, identifiers kept as they are ({@link ProfileChanges#clientSide()}).
     * {@code anonymous_id} alone names an anonymous visitor's profile (found or made); beside other
     * identifiers it links them ({@link AnonymousIdentity}).
     */
    public static ProfileChanges parseClient(JsonNode data, String base) {
        return parse(data, Shape.CLIENT, base).clientSide();
    }

    /** An event's profile: the upsert's rules, and {@code anonymous_id} as a client profile takes it. */
    public static ProfileChanges parseEvent(JsonNode data, String base) {
        return parse(data, Shape.EVENT, base);
    }

    static ProfileChanges parse(JsonNode data, Shape shape, String base) {
        if (data == null || !data.isObject()) throw ApiError.invalidPointer(base, "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            boolean allowed = switch (key) {
                case "type", "attributes" -> true;
                case "id" -> shape != Shape.CREATE;
                case "meta" -> shape != Shape.CREATE;
                default -> false;
            };
            if (!allowed) throw ApiError.invalidPointer(base + "/" + key, "'" + key + "' is not allowed here.");
        }
        JsonNode type = data.get("type");
        if (type == null || !"profile".equals(type.asText(null)) || !type.isTextual()) {
            throw ApiError.invalidPointer(base + "/type", "'type' must be 'profile'.");
        }
        String id = null;
        if (data.has("id") && !data.get("id").isNull()) {
            if (!data.get("id").isTextual()) throw ApiError.invalidPointer(base + "/id", "'id' must be a string.");
            id = data.get("id").asText();
        }
        if (shape == Shape.UPDATE && id == null) throw ApiError.invalidPointer(base + "/id", "'id' is required.");
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw ApiError.invalidPointer(base + "/attributes", "'attributes' must be an object.");
        }
        String attrBase = base + "/attributes";
        Map<ProfileField, String> fields = new HashMap<>();
        ObjectNode location = null;
        boolean clearLocation = false;
        ObjectNode properties = null;
        boolean clearProperties = false;
        String anonymousId = null;
        for (var it = attributes.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            String pointer = attrBase + "/" + key;
            switch (key) {
                case "anonymous_id" -> {
                    if (shape != Shape.CLIENT && shape != Shape.EVENT) {
                        throw ApiError.invalidPointer(pointer, "'" + key + "' is not a valid profile attribute.");
                    }
                    if (!v.isNull() && !v.isTextual()) throw ApiError.invalidPointer(pointer, "'" + key + "' must be a string.");
                    if (v.isTextual() && v.asText().isBlank()) throw ApiError.invalidPointer(pointer, "'anonymous_id' must not be empty.");
                    if (v.isTextual()) anonymousId = v.asText();
                }
                case "location" -> {
                    if (v.isNull()) clearLocation = true;
                    else location = location(v, pointer);
                }
                case "properties" -> {
                    if (v.isNull()) clearProperties = true;
                    else if (v.isObject()) properties = (ObjectNode) v;
                    else throw ApiError.invalidPointer(pointer, "'properties' must be an object.");
                }
                default -> {
                    ProfileField field = field(key, shape, pointer);
                    if (!v.isNull() && !v.isTextual()) throw ApiError.invalidPointer(pointer, "'" + key + "' must be a string.");
                    fields.put(field, v.isNull() ? null : normalize(field, v.asText(), pointer));
                }
            }
        }
        PatchProperties patch = data.has("meta") ? meta(data.get("meta"), base + "/meta") : PatchProperties.NONE;
        ProfileChanges changes = new ProfileChanges(id, fields, location, clearLocation, properties, clearProperties, patch)
                .withAnonymousId(anonymousId);
        if (shape == Shape.CREATE && !changes.namesIdentifier()) {
            throw ApiError.invalidPointer(attrBase,
                    "A profile must have at least one identifier: email, phone_number or external_id.");
        }
        if (shape == Shape.UPSERT && id == null && !changes.namesIdentifier()) {
            throw ApiError.invalidPointer(attrBase,
                    "A profile must have at least one identifier: id, email, phone_number or external_id.");
        }
        if ((shape == Shape.CLIENT || shape == Shape.EVENT) && id == null && !changes.namesIdentifier() && anonymousId == null) {
            throw ApiError.invalidPointer(attrBase,
                    "A profile must have at least one identifier: id, email, phone_number, external_id or anonymous_id.");
        }
        return changes;
    }

    private static ProfileField field(String key, Shape shape, String pointer) {
        for (ProfileField f : ProfileField.values()) {
            // _kx is accepted only by create_or_update_profile (semantics §10).
            if (f.wire.equals(key) && (f != ProfileField.KX || shape == Shape.UPSERT || shape == Shape.CLIENT || shape == Shape.EVENT)) return f;
        }
        throw ApiError.invalidPointer(pointer, "'" + key + "' is not a valid profile attribute.");
    }

    private static String normalize(ProfileField field, String value, String pointer) {
        return switch (field) {
            case EMAIL -> email(value.strip(), pointer);
            case PHONE_NUMBER -> phone(value.strip(), pointer);
            case EXTERNAL_ID -> {
                if (value.isEmpty()) throw ApiError.invalidPointer(pointer, "'external_id' must not be empty.");
                yield value;
            }
            default -> value;
        };
    }

    /** A valid email address (the rules of every profile write), or a 400 at {@code pointer}. */
    public static String email(String email, String pointer) {
        if (email.length() > 100) throw ApiError.invalidPointer(pointer, "Email address must be 100 characters or fewer.");
        if (!EMAIL.matcher(email).matches()) throw ApiError.invalidPointer(pointer, "Invalid email address.");
        return email;
    }

    /** E.164 only: a leading + and a number libphonenumber accepts as valid. */
    public static String phone(String phone, String pointer) {
        if (!phone.matches("\\+[1-9][0-9]{6,14}")) {
            throw ApiError.invalidPointer(pointer, "Invalid phone number format (Example of a valid format: +15005550006).");
        }
        try {
            var parsed = PHONES.parse(phone, null);
            if (!PHONES.isValidNumber(parsed)) {
                throw ApiError.invalidPointer(pointer, "Invalid phone number format (Example of a valid format: +15005550006).");
            }
            return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw ApiError.invalidPointer(pointer, "Invalid phone number format (Example of a valid format: +15005550006).");
        }
    }

    private static ObjectNode location(JsonNode v, String pointer) {
        if (!v.isObject()) throw ApiError.invalidPointer(pointer, "'location' must be an object.");
        for (var it = v.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String p = pointer + "/" + e.getKey();
            if (!LOCATION_KEYS.contains(e.getKey())) {
                throw ApiError.invalidPointer(p, "'" + e.getKey() + "' is not a valid location attribute.");
            }
            JsonNode x = e.getValue();
            boolean coordinate = e.getKey().equals("latitude") || e.getKey().equals("longitude");
            if (!x.isNull() && !x.isTextual() && !(coordinate && x.isNumber())) {
                throw ApiError.invalidPointer(p, "'" + e.getKey() + "' must be a " + (coordinate ? "string or number." : "string."));
            }
        }
        return (ObjectNode) v;
    }

    private static PatchProperties meta(JsonNode meta, String pointer) {
        if (meta.isNull()) return PatchProperties.NONE;
        if (!meta.isObject()) throw ApiError.invalidPointer(pointer, "'meta' must be an object.");
        for (var it = meta.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("patch_identifiers")) {
                throw ApiError.invalidPointer(pointer + "/patch_identifiers",
                        "meta.patch_identifiers (secondary emails) is not supported by OpenProfile yet.");
            }
            if (!key.equals("patch_properties")) throw ApiError.invalidPointer(pointer + "/" + key, "'" + key + "' is not allowed here.");
        }
        return patchProperties(meta.get("patch_properties"), pointer + "/patch_properties");
    }

    static PatchProperties patchProperties(JsonNode patch, String pointer) {
        if (patch == null || patch.isNull()) return PatchProperties.NONE;
        if (!patch.isObject()) throw ApiError.invalidPointer(pointer, "'patch_properties' must be an object.");
        List<String> unset = new ArrayList<>();
        ObjectNode append = null;
        ObjectNode unappend = null;
        for (var it = patch.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            String p = pointer + "/" + e.getKey();
            switch (e.getKey()) {
                case "unset" -> {
                    if (v.isTextual()) unset.add(v.asText());
                    else if (v.isArray()) {
                        for (JsonNode k : v) {
                            if (!k.isTextual()) throw ApiError.invalidPointer(p, "'unset' must be a string or an array of strings.");
                            unset.add(k.asText());
                        }
                    } else if (!v.isNull()) throw ApiError.invalidPointer(p, "'unset' must be a string or an array of strings.");
                }
                case "append", "unappend" -> {
                    if (v.isNull()) continue;
                    if (!v.isObject()) throw ApiError.invalidPointer(p, "'" + e.getKey() + "' must be an object.");
                    if (e.getKey().equals("append")) append = (ObjectNode) v;
                    else unappend = (ObjectNode) v;
                }
                default -> throw ApiError.invalidPointer(p, "'" + e.getKey() + "' is not a patch operation; use append, unappend or unset.");
            }
        }
        return new PatchProperties(List.copyOf(unset), append, unappend);
    }
}
