package dev.openprofile.tags;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * "Every account has one default tag group" (spec, get_tag_groups), where a tag created without a group goes. It is
 * made on first need (the account's first list of groups, tag or group created) rather than with the account, so
 * an account reset or an imported state without one still gets it; the partial unique index
 * {@code tag_group_one_default} makes two concurrent first needs end with one group.
 */
final class DefaultTagGroup {
    /** Klaviyo's docs do not name it; "Default" is ours (docs/compatibility.md, "Tags"). */
    static final String NAME = "Default";

    private final Clock clock;

    DefaultTagGroup(Clock clock) {
        this.clock = clock;
    }

    /**
     * The id of the account's default group, made now if it has none. A concurrent first need may insert at the same
     * time: whichever unique index the loser meets (one default per account, or the name), it inserts nothing and
     * reads the winner's. When a group of the account already has the name, the default takes the next free
     * "Default N".
     */
    String ensure(Connection c, String accountId) throws SQLException {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        for (int n = 1; ; n++) {
            try (PreparedStatement ps = c.prepareStatement("insert into tag_group (account_id, id, name, exclusive, is_default, created, updated, doc) "
                    + "values (?, ?, ?, false, true, ?, ?, '{}') on conflict do nothing")) {
                ps.setString(1, accountId);
                ps.setString(2, TagKinds.newId());
                ps.setString(3, n == 1 ? NAME : NAME + " " + n);
                ps.setObject(4, now);
                ps.setObject(5, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("select id from tag_group where account_id = ? and is_default")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return rs.getString(1);
                }
            }
        }
    }
}
