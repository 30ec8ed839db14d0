package dev.openprofile.coupons;

import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import java.time.Clock;

/** The coupon kinds as registered in the server's resource kit. */
public record Coupons(ResourceService coupons, ResourceService codes) {

    public static Coupons register(ResourceKit kit, Clock clock) {
        return new Coupons(kit.register(CouponKinds.coupon()), kit.register(CouponKinds.code(new CouponCodeHooks(clock))));
    }
}
