package dev.openprofile.testing;

import dev.openprofile.store.Jdbc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row count and content checksum of every table of a server's database, found in the catalogue
 * (whatever schema the tables live in), so a test can assert that nothing was stored.
 */
public final class DatabaseChecksum {
    private DatabaseChecksum() {}

    /** table (schema-qualified) → "rows:md5 of the rows in text form". */
    public static Map<String, String> of(Jdbc jdbc) {
        return jdbc.read(c -> {
            List<String> tables = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("select quote_ident(table_schema) || '.' || quote_ident(table_name)"
                    + " from information_schema.tables where table_type = 'BASE TABLE'"
                    + " and table_schema not in ('pg_catalog', 'information_schema') and table_name <> 'flyway_schema_history'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            Map<String, String> sums = new TreeMap<>();
            for (String table : tables) {
                // The names come from the catalogue, quoted by quote_ident, not from any request.
                try (var rs = c.createStatement().executeQuery("select count(*) || ':' || coalesce(md5(string_agg(t::text, ','"
                        + " order by t::text)), '') from " + table + " t")) {
                    rs.next();
                    sums.put(table, rs.getString(1));
                }
            }
            return sums;
        });
    }
}
