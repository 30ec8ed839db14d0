package dev.openprofile.profiles;

import java.util.Optional;

/** One identifier that names profiles (a data-privacy deletion names exactly one), with its wire name. */
public enum Identifier {
    ID("id"),
    EMAIL("email"),
    PHONE_NUMBER("phone_number");

    public final String wire;

    Identifier(String wire) {
        this.wire = wire;
    }

    public static Optional<Identifier> fromWire(String wire) {
        for (Identifier i : values()) {
            if (i.wire.equals(wire)) return Optional.of(i);
        }
        return Optional.empty();
    }

    /** The condition on profile matching one value: an email case-insensitively, as identity matching does. */
    String condition() {
        return switch (this) {
            case ID -> "id = ?";
            case EMAIL -> "email_key = lower(?)";
            case PHONE_NUMBER -> "phone_number = ?";
        };
    }
}
