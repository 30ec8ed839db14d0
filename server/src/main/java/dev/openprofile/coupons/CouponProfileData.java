package dev.openprofile.coupons;

import dev.openprofile.profiles.ProfileData;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The coupon codes a profile holds, in a merge and a deletion (docs/compatibility.md, "Coupons"): a merge gives
 * the source's codes to the destination; a deletion deletes the codes the profiles held, as every row about a
 * deleted profile goes (a code handed to a profile is not handed out again, so nothing is lost to the coupon).
 */
public final class CouponProfileData implements ProfileData {
    @Override
    public void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, "update coupon_code set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    @Override
    public void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from coupon_code where account_id = ? and profile_id = any(?)",
                accountId, profileIds);
    }
}
