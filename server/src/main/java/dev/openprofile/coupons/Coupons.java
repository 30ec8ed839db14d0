package dev.openprofile.coupons;

import dev.openprofile.catalogs.BulkFamily;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import java.time.Clock;

/** The coupon kinds as registered in the server's resource kit. */
public record Coupons(ResourceService coupons, ResourceService codes) {

    /**
     * {@code bulk_create_coupon_codes} and its reads, served by the catalogs' bulk-job code. "Max number of coupon
     * codes per job we allow for is 1000" and "Max number of jobs queued at once we allow for is 100" (spec).
     */
    public BulkFamily bulkCreate() {
        return new BulkFamily("coupon-code-bulk-create-job", "/api/coupon-code-bulk-create-jobs", "coupon-codes",
                BulkFamily.Action.CREATE, codes, "bulk_create_coupon_codes", "get_bulk_create_coupon_code_jobs",
                "get_bulk_create_coupon_codes_job", 1000,
                new BulkFamily.Pool("coupon-codes", 100));
    }

    public static Coupons register(ResourceKit kit, Clock clock) {
        return new Coupons(kit.register(CouponKinds.coupon()), kit.register(CouponKinds.code(new CouponCodeHooks(clock))));
    }
}
