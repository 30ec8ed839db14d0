package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * What a merged profile holds (semantics §13 and its Gap, decided in docs/compatibility.md, "Profile merge"):
 * the destination wins every conflict and the source fills the destination's gaps. Pure, so the job and the
 * randomized test against a reference model apply the same rules.
 */
final class MergeRules {
    private MergeRules() {}

    /**
     * The destination after the merge: each attribute (identifiers included) the destination lacks is the
     * source's; each top-level property key only the source has is copied with its whole value (a nested
     * object or array is one value, as Klaviyo's properties are: the destination's is never mixed with the
     * source's); the location is the destination's whole when it has any field, else the source's, so that
     * an address is never made of two people's parts. The destination keeps its id and created; the newest
     * event of either is its last event (the events move); updated is now.
     */
    static Profile merged(Profile destination, Profile source, OffsetDateTime now) {
        ObjectNode properties = destination.properties().deepCopy();
        source.properties().properties().forEach(e -> {
            if (!properties.has(e.getKey())) properties.set(e.getKey(), e.getValue().deepCopy());
        });
        ObjectNode location = (destination.location().isEmpty() ? source.location() : destination.location()).deepCopy();
        return new Profile(destination.id(),
                fill(destination.email(), source.email()),
                fill(destination.phoneNumber(), source.phoneNumber()),
                fill(destination.externalId(), source.externalId()),
                fill(destination.kx(), source.kx()),
                fill(destination.firstName(), source.firstName()),
                fill(destination.lastName(), source.lastName()),
                fill(destination.organization(), source.organization()),
                fill(destination.locale(), source.locale()),
                fill(destination.title(), source.title()),
                fill(destination.image(), source.image()),
                location, properties, destination.created(), later(destination.updated(), now),
                later(destination.lastEventDate(), source.lastEventDate()), destination.version());
    }

    private static String fill(String destination, String source) {
        return destination != null ? destination : source;
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.isAfter(a) ? b : a;
    }
}
