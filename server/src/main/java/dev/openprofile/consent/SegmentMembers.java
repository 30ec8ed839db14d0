package dev.openprofile.consent;

import java.util.List;
import java.util.Optional;

/**
 * A segment's current members, for suppression jobs that name a segment. The segments feature
 * supplies it and App wires it in: segments may depend on consent, so consent names no segments class.
 */
@FunctionalInterface
public interface SegmentMembers {
    /** The member profile ids, or empty when the account has no such segment. */
    Optional<List<String>> of(String accountId, String segmentId);
}
