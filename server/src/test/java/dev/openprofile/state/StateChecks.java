package dev.openprofile.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The admin calls and catalogue reads the state tests share; the SQL here is the tests' own, not StateTables'. */
final class StateChecks {
    static final String WITH_ACCOUNT = """
            select t.relname from pg_class t
            where t.relnamespace = current_schema()::regnamespace and t.relkind in ('r', 'p') and not t.relispartition
              and %s (select 1 from information_schema.columns c where c.table_schema = current_schema()
                            and c.table_name = t.relname and c.column_name = 'account_id')
            order by 1""";

    private StateChecks() {}

    static String accountId(TestServer server, String name) {
        return server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select account_id from account where name = ?")) {
                ps.setString(1, name);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    static String export(TestServer server, String account) {
        HttpResponse<String> r = send(server, "GET", "/admin/export?account=" + account, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        return r.body();
    }

    static HttpResponse<String> importInto(TestServer server, String account, String ndjson) {
        return send(server, "POST", "/admin/import?account=" + account, ndjson);
    }

    static HttpResponse<String> send(TestServer server, String method, String path, String body) {
        try {
            return AdminApi.send(server, method, path, body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> tables(TestServer server, boolean withAccount) {
        return server.jdbc().read(c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery(WITH_ACCOUNT.formatted(withAccount ? "exists" : "not exists"))) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    static List<String> tablesWithoutAccount(TestServer server) {
        return tables(server, false);
    }

    /** Every table with an account_id → the account's rows in it. */
    static Map<String, Integer> rowsPerTable(TestServer server, String accountId) {
        Map<String, Integer> out = new TreeMap<>();
        for (String t : tables(server, true)) {
            out.put(t, server.queryInt("select count(*) from " + t + " where account_id = '" + accountId + "'"));
        }
        return out;
    }

    /** Every table with an account_id → a checksum of the rows of every account but this one. */
    static Map<String, String> checksumsExcept(TestServer server, String accountId) {
        return server.jdbc().read(c -> {
            Map<String, String> out = new TreeMap<>();
            for (String t : tables(server, true)) {
                try (var ps = c.prepareStatement("select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '')"
                        + " from " + t + " t where account_id <> ?")) {
                    ps.setString(1, accountId);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        out.put(t, rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
