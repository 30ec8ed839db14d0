package dev.openprofile.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.store.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;

/** The review table's SQL that is not the kit's: a submission's insert, and what merges and deletions do to reviews. */
final class ReviewStore {

    /** One submitted review; {@code doc} holds the attributes without a column (ReviewKind). */
    record Row(String id, String profileId, String email, ObjectNode status, String reviewType, Integer rating,
               String content, String itemId, String productExternalId, boolean incentivized, boolean hasMedia,
               ObjectNode doc, OffsetDateTime created) {}

    void insert(Connection c, String accountId, Row r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into review (account_id, id, profile_id, email, status, review_type, rating, verified, content,
                    item_id, product_external_id, incentivized, has_media, created, updated, doc)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            int i = 1;
            ps.setString(i++, accountId);
            ps.setString(i++, r.id());
            ps.setString(i++, r.profileId());
            ps.setString(i++, r.email());
            ps.setString(i++, r.status().toString());
            ps.setString(i++, r.reviewType());
            ps.setInt(i++, r.rating() == null ? 0 : r.rating());
            ps.setString(i++, r.content());
            ps.setString(i++, r.itemId());
            if (r.productExternalId() == null) ps.setNull(i++, Types.VARCHAR); else ps.setString(i++, r.productExternalId());
            ps.setBoolean(i++, r.incentivized());
            ps.setBoolean(i++, r.hasMedia());
            ps.setObject(i++, r.created());
            ps.setObject(i++, r.created());
            ps.setString(i, r.doc().toString());
            ps.executeUpdate();
        }
    }

    /** When each of these reviews was submitted: its "Submitted Review" event's time. */
    java.util.Map<String, OffsetDateTime> submitted(Connection c, String accountId, List<String> ids) throws SQLException {
        java.util.Map<String, OffsetDateTime> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, created from review where account_id = ? and id = any (?)")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
            }
        }
        return out;
    }

    /** A merged profile's reviews are the destination's: the author is one person. */
    void merge(Connection c, String accountId, String sourceId, String destinationId) throws SQLException {
        Statements.update(c, "update review set profile_id = ? where account_id = ? and profile_id = ?",
                destinationId, accountId, sourceId);
    }

    /** A deleted profile's reviews go with it: they carry its email and words (docs/compatibility.md, "Reviews"). */
    void delete(Connection c, String accountId, List<String> profileIds) throws SQLException {
        Statements.update(c, "delete from review where account_id = ? and profile_id = any (?)", accountId, profileIds);
    }
}
