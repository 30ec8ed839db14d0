package dev.openprofile.objectrecords;

import java.util.Optional;

/** An object record's compound id, {@code {object_type_id}:::{record_id}} (the spec's format). */
final class ObjectRecordIds {
    static final String SEPARATOR = ":::";

    private ObjectRecordIds() {}

    record Parts(String objectTypeId, String recordId) {}

    static String compound(String objectTypeId, String recordId) {
        return objectTypeId + SEPARATOR + recordId;
    }

    /** Split at the first separator: a type id (a ULID) holds none, a record id may. */
    static Optional<Parts> parse(String id) {
        int at = id == null ? -1 : id.indexOf(SEPARATOR);
        if (at <= 0 || at + SEPARATOR.length() >= id.length()) return Optional.empty();
        return Optional.of(new Parts(id.substring(0, at), id.substring(at + SEPARATOR.length())));
    }
}
