package dev.openprofile.state;

import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables that hold an account's state, read once from the catalogue: every table of our schema with an
 * {@code account_id} column (a partitioned table once, not its partitions), minus {@link #KEPT}, in
 * foreign-key order (a table after every table it references; ties by name, so the order is stable).
 */
public final class StateTables {
    /**
     * What a reset keeps and an export leaves out: the account itself, its keys, and what its operator
     * configured for the client endpoints and the faults it injects (docs/compatibility.md, "Operator controls"), and the web
     * console's sessions (which name its keys). None of it is an object the API created.
     */
    public static final Set<String> KEPT = Set.of("account", "api_key", "client_geofence", "client_ip_allowlist", "operator_fault",
            "console_session");
    /**
     * Tables the import's own inserts write to (the segment triggers of V12 record the profiles a statement
     * touched in segment_pending; those of V40 log the memberships it inserts in segment_member_change). They are exported like the others, and an import replaces what its inserts
     * left in them with the export's rows at its end, so the segments' pending work is exactly what it was.
     */
    public static final Set<String> DERIVED = Set.of("segment_pending", "segment_member_change");
    /**
     * Columns exported as null: a job's lease belongs to the node that held it, and an imported job in
     * flight is resumed at once from its committed progress marker by whichever worker claims it. A webhook delivery's
     * lease likewise: an imported pending delivery is due at once (docs/compatibility.md, "Webhooks"), and so is an
     * outbox email pending relay ("Outbox (emulated sending)"). An outbox message's link token is the credential of its
     * recipient's pages on this server: an export carries none, so an imported message's links lead nowhere.
     */
    static final Map<String, Set<String>> TRANSIENT = Map.of("job", Set.of("lease_owner", "lease_until"),
            "webhook_delivery", Set.of("lease_until"), "outbox_message", Set.of("relay_lease_until", "link_token"));
    /** The tables that are one of Klaviyo's resource types report their deletions under its name. */
    private static final Map<String, String> KINDS = Map.ofEntries(Map.entry("list", "list"),
            Map.entry("profile", "profile"), Map.entry("segment", "segment"), Map.entry("event", "event"),
            Map.entry("metric", "metric"), Map.entry("metric_property", "metric-property"),
            Map.entry("push_token", "push-token"), Map.entry("conversation", "conversation"),
            Map.entry("conversation_message", "conversation-message"),
            Map.entry("back_in_stock_subscription", "back-in-stock-subscription"), Map.entry("job", "job"),
            Map.entry("catalog_item", "catalog-item"), Map.entry("catalog_variant", "catalog-variant"),
            Map.entry("catalog_category", "catalog-category"), Map.entry("webhook", "webhook"));

    /** A column: its name, and whether it is an identity column (inserted with OVERRIDING SYSTEM VALUE). */
    record Column(String name, boolean identity) {}

    /** A table of the account's state: its columns (generated ones left out) and its primary key. */
    record Table(String name, List<Column> columns, List<String> primaryKey) {
        /** The columns an export writes and an import reads: all but account_id, which the account supplies. */
        List<Column> data() {
            return columns.stream().filter(c -> !c.name().equals("account_id")).toList();
        }

        boolean derived() {
            return DERIVED.contains(name);
        }

        /** The name deletions of this table are reported under: Klaviyo's resource type, else the table's. */
        String kind() {
            return KINDS.getOrDefault(name, name);
        }
    }

    private final List<Table> ordered;
    private final Set<String> withAccount;
    private final String schemaVersion;

    private StateTables(List<Table> ordered, Set<String> withAccount, String schemaVersion) {
        this.ordered = ordered;
        this.withAccount = withAccount;
        this.schemaVersion = schemaVersion;
    }

    /** Reads the catalogue of the connection's schema (the pool's search_path). */
    public static StateTables read(Jdbc jdbc) {
        return jdbc.read(StateTables::read);
    }

    static StateTables read(Connection c) throws SQLException {
        Set<String> all = new TreeSet<>(strings(c, """
                select t.relname from pg_class t
                where t.relnamespace = current_schema()::regnamespace and t.relkind in ('r', 'p') and not t.relispartition
                  and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'account_id'
                              and not a.attisdropped)""", null));
        Map<String, Set<String>> parents = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select child.relname, parent.relname from pg_constraint f
                join pg_class child on child.oid = f.conrelid join pg_class parent on parent.oid = f.confrelid
                where f.contype = 'f' and f.connamespace = current_schema()::regnamespace""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!rs.getString(1).equals(rs.getString(2))) {
                    parents.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        List<Table> ordered = new ArrayList<>();
        for (String name : dependencyOrder(all, parents)) {
            if (KEPT.contains(name)) continue;
            ordered.add(new Table(name, columns(c, name), strings(c, """
                    select a.attname from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                    where i.indrelid = ?::regclass and i.indisprimary order by k.ord""", name)));
        }
        String version = strings(c, """
                select version from flyway_schema_history where success and version is not null
                order by installed_rank desc limit 1""", null).getFirst();
        return new StateTables(List.copyOf(ordered), Set.copyOf(all), version);
    }

    /** Kahn's algorithm over the tables with an account_id; a reference outside them does not order anything. */
    private static List<String> dependencyOrder(Set<String> tables, Map<String, Set<String>> parents) {
        Map<String, Set<String>> waiting = new LinkedHashMap<>();
        for (String t : tables) {
            Set<String> p = new HashSet<>(parents.getOrDefault(t, Set.of()));
            p.retainAll(tables);
            waiting.put(t, p);
        }
        List<String> out = new ArrayList<>();
        while (!waiting.isEmpty()) {
            TreeSet<String> ready = new TreeSet<>();
            waiting.forEach((t, p) -> {
                if (out.containsAll(p)) ready.add(t);
            });
            if (ready.isEmpty()) throw new IllegalStateException("foreign keys form a cycle among " + waiting.keySet());
            String next = ready.first();
            out.add(next);
            waiting.remove(next);
        }
        return out;
    }

    private static List<Column> columns(Connection c, String table) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select attname, attidentity <> '' from pg_attribute
                where attrelid = ?::regclass and attnum > 0 and not attisdropped and attgenerated = ''
                order by attnum""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Column(rs.getString(1), rs.getBoolean(2)));
            }
        }
        return out;
    }

    private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) ps.setString(1, parameter);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** The account's state tables, each after the tables it references. */
    List<Table> ordered() {
        return ordered;
    }

    /** The schema's migration version: an export names it, and only an export of the same version imports. */
    String schemaVersion() {
        return schemaVersion;
    }

    /** Every table of the schema with an account_id, kept ones included (for the schema test). */
    public Set<String> withAccount() {
        return withAccount;
    }

    /** The tables a reset empties, by name. */
    public Set<String> reset() {
        Set<String> out = new TreeSet<>();
        ordered.forEach(t -> out.add(t.name()));
        return out;
    }

    /** An identifier from the catalogue, quoted for SQL. */
    static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    Table table(String name) {
        return ordered.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
