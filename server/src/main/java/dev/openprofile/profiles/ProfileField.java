package dev.openprofile.profiles;

import java.util.List;

/** The plain string attributes of a profile on the wire, with their column names. */
enum ProfileField {
    EMAIL("email", "email"),
    PHONE_NUMBER("phone_number", "phone_number"),
    EXTERNAL_ID("external_id", "external_id"),
    KX("_kx", "kx"),
    FIRST_NAME("first_name", "first_name"),
    LAST_NAME("last_name", "last_name"),
    ORGANIZATION("organization", "organization"),
    LOCALE("locale", "locale"),
    TITLE("title", "title"),
    IMAGE("image", "image");

    static final List<ProfileField> IDENTIFIERS = List.of(EMAIL, PHONE_NUMBER, EXTERNAL_ID);

    final String wire;
    final String column;

    ProfileField(String wire, String column) {
        this.wire = wire;
        this.column = column;
    }
}
