package dev.openprofile.coupons;

import dev.openprofile.resource.Attribute;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.IdScheme;
import dev.openprofile.resource.Relationship;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceKind.Operations;
import dev.openprofile.resource.ResourceKind.RelationshipOperations;
import java.util.List;
import java.util.Map;

/** The declarations of coupons and coupon codes: the one place their wire shape lives (the spec's response order). */
public final class CouponKinds {
    public static final String COUPON = "coupon";
    public static final String CODE = "coupon-code";

    /** The statuses of the spec's CouponCodeResponseObjectResource. */
    static final List<String> STATUSES = List.of("ASSIGNED_TO_PROFILE", "DELETING", "PROCESSING", "UNASSIGNED", "USED",
            "VERSION_NOT_ACTIVE");

    private CouponKinds() {}

    public static ResourceKind coupon() {
        return new ResourceKind(COUPON, "/api/coupons", "coupon", List.of(
                Attribute.string("external_id").column("external_id").require().immutable().nonEmpty(),
                Attribute.string("description"),
                Attribute.object("monitor_configuration")),
                List.of(Relationship.toMany("coupon-codes", CODE, new Relationship.Inverse("coupon_id")).hidden()),
                // "The internal id of a Coupon is equivalent to its external id" (spec).
                new IdScheme.FromAttribute("external_id"),
                new Operations("get_coupons", "create_coupon", "get_coupon", "update_coupon", "delete_coupon", "created", Map.of(
                        "coupon-codes", new RelationshipOperations("get_coupon_codes_for_coupon", "get_coupon_code_ids_for_coupon",
                                null, null, null))),
                Hooks.NONE);
    }

    public static ResourceKind code(Hooks hooks) {
        return new ResourceKind(CODE, "/api/coupon-codes", "coupon_code", List.of(
                Attribute.string("unique_code").column("unique_code").require().immutable().nonEmpty(),
                // Null on create or update means "not given": a create gets a year (the hooks), an update keeps it.
                Attribute.datetime("expires_at").column("expires_at").nullAsAbsent(),
                // Not in the spec's create body: a new code is UNASSIGNED until a profile gets it.
                Attribute.string("status").column("status").updatableOnly().defaultsTo("UNASSIGNED").oneOf(STATUSES.toArray())
                        .notNull().nullAsAbsent()),
                List.of(Relationship.toOne("coupon", COUPON, "coupon_id").filteredAs("coupon").writable(true, false, true),
                        // Klaviyo assigns a code to a profile when a flow sends it; nothing in the API sets it.
                        Relationship.toOne("profile", "profile", "profile_id").filteredAs("profile")),
                // "A combination of its unique code and the id of the coupon it is associated with" (spec).
                new IdScheme.WithinParent("coupon", "unique_code", "-"),
                new Operations("get_coupon_codes", "create_coupon_code", "get_coupon_code", "update_coupon_code",
                        "delete_coupon_code", "created", Map.of(
                        "coupon", new RelationshipOperations("get_coupon_for_coupon_code", "get_coupon_id_for_coupon_code",
                                null, null, null))),
                hooks);
    }
}
