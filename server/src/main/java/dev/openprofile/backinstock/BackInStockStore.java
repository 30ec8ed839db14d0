package dev.openprofile.backinstock;

import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SQL of back_in_stock_subscription. */
final class BackInStockStore {

    /** One subscription per profile and variant: a second request replaces the channels. */
    void upsert(Connection c, String accountId, String id, String profileId, String variantId,
                List<BackInStockSubscription.Channel> channels, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into back_in_stock_subscription (account_id, id, profile_id, variant_id, channels, created, updated)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (account_id, profile_id, variant_id)
                do update set channels = excluded.channels, updated = excluded.updated""")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            ps.setString(3, profileId);
            ps.setString(4, variantId);
            ps.setArray(5, c.createArrayOf("text", channels.stream().map(Enum::name).toArray()));
            ps.setObject(6, now);
            ps.setObject(7, now);
            ps.executeUpdate();
        }
    }

    List<BackInStockSubscription> ofProfile(Connection c, String accountId, String profileId) throws SQLException {
        List<BackInStockSubscription> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select id, profile_id, variant_id, channels, created from back_in_stock_subscription
                where account_id = ? and profile_id = ? order by created, id""")) {
            ps.setString(1, accountId);
            ps.setString(2, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BackInStockSubscription(rs.getString(1), rs.getString(2), rs.getString(3),
                            Arrays.stream((String[]) rs.getArray(4).getArray()).map(BackInStockSubscription.Channel::valueOf).toList(),
                            rs.getObject(5, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    /** The source's subscriptions move to the destination, except to variants the destination already has. */
    void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, """
                delete from back_in_stock_subscription s where s.account_id = ? and s.profile_id = ?
                and exists (select 1 from back_in_stock_subscription d
                            where d.account_id = s.account_id and d.profile_id = ? and d.variant_id = s.variant_id)""",
                accountId, sourceId, destinationId);
        Statements.update(c, "update back_in_stock_subscription set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    void deleteVariants(Connection c, String accountId, List<String> variantIds) throws SQLException {
        Statements.update(c, "delete from back_in_stock_subscription where account_id = ? and variant_id = any (?)",
                accountId, variantIds);
    }

    void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from back_in_stock_subscription where account_id = ? and profile_id = any (?)",
                accountId, profileIds);
    }
}
