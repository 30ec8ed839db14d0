package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What a create, update or upsert asks to change. Only present attributes are in {@code fields}; a
 * present key with a null value clears that attribute (null versus absent, semantics §10).
 *
 * @param id          data.id when given
 * @param location    the location members given (null members clear), or null when absent
 * @param clearLocation location: null was sent
 * @param properties  properties given (merged key by key), or null when absent
 * @param clearProperties properties: null was sent
 * @param keepIdentifiers a client-side change (/client): identifiers the located profile holds are never
 *                        changed, and identifiers another profile holds are ignored, where a server-side
 *                        upsert answers 409 (the spec's client operations: "the identifier field(s) will
 *                        not be updated")
 * @param anonymousId an anonymous visitor's id (onsite and event profiles), or null: it finds or makes the profile
 *                    that holds it, and links that profile with the identifiers beside it ({@link AnonymousIdentity})
 */
public record ProfileChanges(
        String id,
        Map<ProfileField, String> fields,
        ObjectNode location,
        boolean clearLocation,
        ObjectNode properties,
        boolean clearProperties,
        PatchProperties patch,
        boolean keepIdentifiers,
        String anonymousId) {

    public ProfileChanges(String id, Map<ProfileField, String> fields, ObjectNode location, boolean clearLocation,
                          ObjectNode properties, boolean clearProperties, PatchProperties patch) {
        this(id, fields, location, clearLocation, properties, clearProperties, patch, false, null);
    }

    /** The same change made from a client endpoint (see {@code keepIdentifiers}). */
    public ProfileChanges clientSide() {
        return new ProfileChanges(id, fields, location, clearLocation, properties, clearProperties, patch, true, anonymousId);
    }

    /** The same change, naming an anonymous visitor's id too (null: none). */
    ProfileChanges withAnonymousId(String anonymous) {
        return new ProfileChanges(id, fields, location, clearLocation, properties, clearProperties, patch, keepIdentifiers, anonymous);
    }

    /** The change without the given attributes. */
    ProfileChanges without(java.util.Set<ProfileField> dropped) {
        Map<ProfileField, String> kept = new java.util.EnumMap<>(ProfileField.class);
        fields.forEach((f, v) -> {
            if (!dropped.contains(f)) kept.put(f, v);
        });
        return new ProfileChanges(id, java.util.Collections.unmodifiableMap(kept), location, clearLocation, properties,
                clearProperties, patch, keepIdentifiers, anonymousId);
    }

    String value(ProfileField f) {
        return fields.get(f);
    }

    boolean has(ProfileField f) {
        return fields.containsKey(f);
    }

    /** A change that names at least one identifier with a value (email, phone number or external id). */
    boolean namesIdentifier() {
        return ProfileField.IDENTIFIERS.stream().anyMatch(f -> fields.get(f) != null);
    }

    /** Applies the changes to a profile (or to a blank one, for creation), in the order of semantics §10. */
    Profile applyTo(Profile base, String id, OffsetDateTime now) {
        String[] values = new String[ProfileField.values().length];
        for (ProfileField f : ProfileField.values()) {
            values[f.ordinal()] = fields.containsKey(f) ? fields.get(f) : base == null ? null : current(base, f);
        }
        ObjectNode loc = base == null || clearLocation ? Json.MAPPER.createObjectNode() : base.location().deepCopy();
        if (location != null) mergeDroppingNulls(loc, location);
        ObjectNode props = base == null || clearProperties ? Json.MAPPER.createObjectNode() : base.properties().deepCopy();
        if (properties != null) props.setAll(properties);
        patch.applyTo(props);
        return new Profile(id,
                values[ProfileField.EMAIL.ordinal()], values[ProfileField.PHONE_NUMBER.ordinal()],
                values[ProfileField.EXTERNAL_ID.ordinal()], values[ProfileField.KX.ordinal()],
                values[ProfileField.FIRST_NAME.ordinal()], values[ProfileField.LAST_NAME.ordinal()],
                values[ProfileField.ORGANIZATION.ordinal()], values[ProfileField.LOCALE.ordinal()],
                values[ProfileField.TITLE.ordinal()], values[ProfileField.IMAGE.ordinal()],
                loc, props,
                base == null ? now : base.created(), now, base == null ? null : base.lastEventDate(),
                base == null ? 0 : base.version());
    }

    static String current(Profile p, ProfileField f) {
        return switch (f) {
            case EMAIL -> p.email();
            case PHONE_NUMBER -> p.phoneNumber();
            case EXTERNAL_ID -> p.externalId();
            case KX -> p.kx();
            case FIRST_NAME -> p.firstName();
            case LAST_NAME -> p.lastName();
            case ORGANIZATION -> p.organization();
            case LOCALE -> p.locale();
            case TITLE -> p.title();
            case IMAGE -> p.image();
        };
    }

    private static void mergeDroppingNulls(ObjectNode target, ObjectNode changes) {
        changes.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) target.remove(e.getKey());
            else target.set(e.getKey(), v);
        });
    }
}
