// The segment engine's own statement for a definition, run without the server around it (bench/segments.sh):
//
//   java -cp openprofile.jar bench/SegmentsEngineSql.java JDBC_URL ACCOUNT DEFINITION_FILE WARMUP RUNS OUT
//
// Parses DEFINITION_FILE (the definition object of a create_segment body) with the engine's parser and evaluates
// it with SegmentEngine.refresh, as SegmentService.create does, WARMUP + RUNS times: each run inserts a segment row, refreshes
// it and commits (the statement and its commit are timed), then deletes the segment again. Meanwhile a proxy of the
// connection records the statement the engine prepared and what it bound, so that it can be shown and explained:
// OUT.sql gets the statement, OUT.plan its EXPLAIN (ANALYZE, BUFFERS), run in a transaction that is rolled back.
// Prints RUN_US=<µs> lines (one per measured run) and MEMBERS=<count>.
import dev.openprofile.jsonapi.Json;
import dev.openprofile.segments.engine.Definition;
import dev.openprofile.segments.engine.DefinitionParser;
import dev.openprofile.segments.engine.References;
import dev.openprofile.segments.engine.SegmentEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

public class SegmentsEngineSql {
    /** The last statement prepared through the recording connection, and its set* calls in order. */
    static String sql;
    static final List<Object[]> binds = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String url = args[0], account = args[1];
        int warmup = Integer.parseInt(args[3]), runs = Math.max(1, Integer.parseInt(args[4]));
        Path out = Path.of(args[5]);
        // every list and metric exists, as for the server's stored definitions (SegmentDefinitions)
        References all = (References) Proxy.newProxyInstance(References.class.getClassLoader(),
                new Class<?>[] {References.class}, (p, m, a) -> true);
        Definition definition = new DefinitionParser(all)
                .parse(account, Json.MAPPER.readTree(Files.readString(Path.of(args[2]))), "/definition");
        SegmentEngine engine = new SegmentEngine();
        try (Connection real = DriverManager.getConnection(url)) {
            real.createStatement().execute("set search_path = openprofile, public");
            real.setAutoCommit(false);
            Connection c = recording(real);
            int members = -1;
            String id = null;
            for (int run = 0; run < warmup + runs; run++) {
                id = "bench-sql-" + run;
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
                segment(real, account, id);
                real.commit();
                long t0 = System.nanoTime();
                members = engine.refresh(c, account, id, definition, now);
                real.commit();
                if (run >= warmup) System.out.println("RUN_US=" + (System.nanoTime() - t0) / 1000);
                try (PreparedStatement ps = real.prepareStatement("delete from segment where account_id = ? and id = ?")) {
                    ps.setString(1, account);
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
                real.commit();
            }
            System.out.println("MEMBERS=" + members);
            Files.writeString(Path.of(out + ".sql"), sql + "\n");
            // the same statement and binds, explained (it runs: the transaction is rolled back)
            segment(real, account, id);
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = real.prepareStatement("explain (analyze, buffers) " + sql)) {
                for (Object[] b : binds) ((Method) b[0]).invoke(ps, (Object[]) b[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) plan.append(rs.getString(1)).append('\n');
                }
            }
            real.rollback();
            Files.writeString(Path.of(out + ".plan"), plan);
        }
    }

    static void segment(Connection c, String account, String id) throws SQLException {
        // inactive: the server's own maintenance (reads, its background pass) leaves it alone
        try (PreparedStatement ps = c.prepareStatement("insert into segment (account_id, id, name, definition, is_active) "
                + "values (?, ?, ?, '{}'::jsonb, false)")) {
            ps.setString(1, account);
            ps.setString(2, id);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /** The connection, recording the statement prepared last and the values bound to it. */
    static Connection recording(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, margs) -> {
                    Object result = forward(method, real, margs);
                    if (method.getName().equals("prepareStatement") && margs.length == 1) {
                        sql = (String) margs[0];
                        binds.clear();
                        PreparedStatement ps = (PreparedStatement) result;
                        return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("set") && a != null && a.length >= 2) binds.add(new Object[] {m, a});
                                    return forward(m, ps, a);
                                });
                    }
                    return result;
                });
    }

    static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
