package dev.openprofile.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows every table keeps about a profile: each table with a {@code profile_id} column (or a
 * {@code profile_ids} array), found in information_schema, so that a table a later feature adds is counted
 * by the merge and deletion tests without anyone touching them.
 */
public final class ProfileRows {
    private ProfileRows() {}

    /** {table, column} of every table (partitions counted through their parent) that names profiles. */
    public static List<String[]> columns(TestServer server) {
        return server.jdbc().read(c -> {
            List<String[]> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("""
                    select col.table_name, col.column_name from information_schema.columns col
                    join information_schema.tables t on t.table_schema = col.table_schema and t.table_name = col.table_name
                    where col.table_schema = current_schema() and col.column_name in ('profile_id', 'profile_ids')
                      and t.table_type = 'BASE TABLE'
                      and not exists (select 1 from pg_class p join pg_namespace n on n.oid = p.relnamespace
                                      where n.nspname = col.table_schema and p.relname = col.table_name and p.relispartition)
                    order by 1""")) {
                while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            return out;
        });
    }

    /** Rows naming the profile, per table. */
    public static Map<String, Integer> of(TestServer server, String profileId) {
        Map<String, Integer> out = new TreeMap<>();
        for (String[] tc : columns(server)) {
            String condition = tc[1].equals("profile_ids") ? "'" + profileId + "' = any(" + tc[1] + ")" : tc[1] + " = '" + profileId + "'";
            out.put(tc[0], server.queryInt("select count(*) from " + tc[0] + " where " + condition));
        }
        return out;
    }

    /** Rows per table in all, whoever they name. */
    public static Map<String, Integer> all(TestServer server) {
        Map<String, Integer> out = new TreeMap<>();
        for (String[] tc : columns(server)) out.put(tc[0], server.queryInt("select count(*) from " + tc[0]));
        return out;
    }
}
