package dev.openprofile.console;

import dev.openprofile.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many profiles, lists, segments and events an account holds, for its overview page. Read-only counts of the
 * owners' tables in one statement (no feature's service counts its rows yet); an exact count, which is fine for an
 * overview opened now and then but not for the paged tables of later pages (issue 18: keyset paging, no count(*)).
 */
final class AccountCounts {
    private static final Map<String, String> TABLES = Map.of("Profiles", "profile", "Lists", "list",
            "Segments", "segment", "Events", "event");
    private static final java.util.List<String> ORDER = java.util.List.of("Profiles", "Lists", "Segments", "Events");

    private final Jdbc jdbc;

    AccountCounts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Each kind's count, in the order the page shows them. */
    Map<String, Long> of(String accountId) {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < ORDER.size(); i++) {
            if (i > 0) sql.append(", ");
            sql.append("(select count(*) from ").append(TABLES.get(ORDER.get(i))).append(" where account_id = ?)");
        }
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < ORDER.size(); i++) ps.setString(i + 1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (int i = 0; i < ORDER.size(); i++) counts.put(ORDER.get(i), rs.getLong(i + 1));
                    return counts;
                }
            }
        });
    }
}
