package dev.openprofile.coupons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.Term;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.resource.Hooks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** What a coupon code does beyond the kit: its expiry a year on when none is given, and no deleting a code a profile holds. */
record CouponCodeHooks(Clock clock) implements Hooks {

    @Override
    public void beforeCreate(Connection c, String accountId, Map<String, JsonNode> attributes) {
        // "If not specified or set to null, it will be automatically set to 1 year" (spec).
        if (attributes.get("expires_at") == null || attributes.get("expires_at").isNull()) {
            OffsetDateTime inAYear = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plusYears(1);
            attributes.put("expires_at", TextNode.valueOf(Rfc3339.format(inAYear)));
        }
    }

    /** "A coupon/coupons or a profile/profiles must be provided as required filter params" (spec, get_coupon_codes). */
    @Override
    public void beforeList(String accountId, Query query) {
        for (Term t : query.filter()) {
            if (t.field().equals("coupon.id") || t.field().equals("profile.id")) return;
        }
        throw ApiError.invalidParameter("filter", "A coupon or a profile must be given: filter by coupon.id or profile.id.");
    }

    /** "If a profile has been assigned to the coupon code, an exception will be raised" (spec, delete_coupon_code). */
    @Override
    public void beforeDelete(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from coupon_code where account_id = ? and id = ? and (profile_id is not null or status = 'ASSIGNED_TO_PROFILE')")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new ApiError(400, "invalid", "Invalid input.",
                            "The coupon code '" + id + "' is assigned to a profile and cannot be deleted.",
                            ApiError.Source.parameter("id"), null);
                }
            }
        }
    }
}
