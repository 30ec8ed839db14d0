package dev.openprofile.segments.engine;

import dev.openprofile.profiles.ProfileQueries;

/** The property a profile-property condition tests: a standard attribute or a custom property. */
public sealed interface ProfileField {

    /** A standard attribute, read as its owner says ({@link ProfileQueries#ATTRIBUTES}). */
    record Standard(String name, ProfileQueries.Attribute attribute) implements ProfileField {}

    /** A custom property, {@code properties['name']} on the wire. */
    record Custom(String name) implements ProfileField {}
}
