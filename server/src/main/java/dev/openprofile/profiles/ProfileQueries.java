package dev.openprofile.profiles;

import java.util.Map;

/**
 * The SQL of profile attributes over the profile table (alias {@code p}), for features that select
 * profiles by their attributes in one query of their own (the segment engine): the profile feature
 * owns its columns, so it says how each attribute is read.
 */
public final class ProfileQueries {
    public static final String TABLE = "profile";

    /**
     * TEXT yields {@code text}, DATE {@code timestamptz}; NUMBER yields the stored {@code jsonb} value,
     * which the reader decides how to read as a number (coordinates are stored as sent: the API takes a
     * JSON number or a string).
     */
    public enum Kind { TEXT, NUMBER, DATE }

    /** An attribute: its SQL over {@code p} and the kind of value it yields (null when absent). */
    public record Attribute(String sql, Kind kind) {}

    /** Wire names (location ones as {@code location.city}) to their SQL. */
    public static final Map<String, Attribute> ATTRIBUTES = Map.ofEntries(
            text("email", "p.email"), text("phone_number", "p.phone_number"), text("external_id", "p.external_id"),
            text("first_name", "p.first_name"), text("last_name", "p.last_name"),
            text("organization", "p.organization"), text("locale", "p.locale"), text("title", "p.title"),
            text("image", "p.image"),
            Map.entry("created", new Attribute("p.created", Kind.DATE)),
            Map.entry("updated", new Attribute("p.updated", Kind.DATE)),
            Map.entry("last_event_date", new Attribute("p.last_event_date", Kind.DATE)),
            location("address1"), location("address2"), location("city"), location("country"), location("region"),
            location("zip"), location("timezone"), location("ip"),
            Map.entry("location.latitude", new Attribute("(p.location -> 'latitude')", Kind.NUMBER)),
            Map.entry("location.longitude", new Attribute("(p.location -> 'longitude')", Kind.NUMBER)));

    /** The custom properties document ({@code jsonb}); a property is {@code PROPERTIES -> name}. */
    public static final String PROPERTIES = "p.properties";

    private ProfileQueries() {}

    private static Map.Entry<String, Attribute> text(String wire, String sql) {
        return Map.entry(wire, new Attribute(sql, Kind.TEXT));
    }

    private static Map.Entry<String, Attribute> location(String key) {
        // an empty string is no value, as on the wire
        return text("location." + key, "nullif(p.location ->> '" + key + "', '')");
    }
}
