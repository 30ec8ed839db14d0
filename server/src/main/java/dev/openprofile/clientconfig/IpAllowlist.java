package dev.openprofile.clientconfig;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The integration-egress IP ranges (IPv4 CIDR); {@code syncToken} changes only when they do, and
 * {@code created} says when they last changed (the spec's meaning).
 */
public record IpAllowlist(List<String> prefixes, String syncToken, OffsetDateTime created) {
    /** The singleton's id: "Any other id returns 404" (spec). */
    public static final String ID = "integration-egress";
}
