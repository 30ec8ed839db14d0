package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Rfc3339;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of one declared kind, built once from its declaration. Table and column names come from the
 * declaration (code constants); every value is a parameter; every statement leads with account_id.
 */
final class ResourceStore {
    private final ResourceKind kind;
    /** Attributes kept in their own columns and written from bodies (not created/updated). */
    private final List<Attribute> columnAttributes;
    private final List<Relationship.Column> toOneColumns;
    private final List<String> toOneNames;
    private final String selectColumns;

    ResourceStore(ResourceKind kind) {
        this.kind = kind;
        this.columnAttributes = kind.attributes().stream().filter(a -> a.column() != null && !isTimestamp(a)).toList();
        this.toOneColumns = new ArrayList<>();
        this.toOneNames = new ArrayList<>();
        for (Relationship r : kind.relationships()) {
            if (r.storage() instanceof Relationship.Column c) {
                toOneColumns.add(c);
                toOneNames.add(r.name());
            }
        }
        StringBuilder cols = new StringBuilder("t.id, t.created, t.updated");
        columnAttributes.forEach(a -> cols.append(", t.").append(a.column()));
        toOneColumns.forEach(c -> cols.append(", t.").append(c.column()));
        if (kind.hasDocument()) cols.append(", t.doc");
        this.selectColumns = cols.toString();
    }

    private static boolean isTimestamp(Attribute a) {
        return a.readOnly() && (a.column().equals("created") || a.column().equals("updated"));
    }

    String table() {
        return kind.table();
    }

    /** Inserts the row; false when the id is taken (another unique column taken throws 23505). */
    boolean insert(Connection c, String accountId, ResourceRow row) throws SQLException {
        StringBuilder cols = new StringBuilder("account_id, id, created, updated");
        columnAttributes.forEach(a -> cols.append(", ").append(a.column()));
        toOneColumns.forEach(col -> cols.append(", ").append(col.column()));
        if (kind.hasDocument()) cols.append(", doc");
        int n = 4 + columnAttributes.size() + toOneColumns.size() + (kind.hasDocument() ? 1 : 0);
        String sql = "insert into " + kind.table() + " (" + cols + ") values (" + "?, ".repeat(n - 1) + "?)"
                + " on conflict (account_id, id) do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, accountId);
            ps.setString(2, row.id());
            ps.setObject(3, row.created());
            ps.setObject(4, row.updated());
            bindValues(c, ps, 5, row);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Inserts the rows with one statement (one round trip for a bulk job's chunk); the ids it inserted. A row
     * whose id is taken, or that repeats an earlier row's id, is skipped (another unique column taken throws 23505).
     */
    java.util.Set<String> insertAll(Connection c, String accountId, List<ResourceRow> rows) throws SQLException {
        java.util.Set<String> inserted = new java.util.HashSet<>();
        if (rows.isEmpty()) return inserted;
        StringBuilder cols = new StringBuilder("account_id, id, created, updated");
        columnAttributes.forEach(a -> cols.append(", ").append(a.column()));
        toOneColumns.forEach(col -> cols.append(", ").append(col.column()));
        if (kind.hasDocument()) cols.append(", doc");
        int n = 4 + columnAttributes.size() + toOneColumns.size() + (kind.hasDocument() ? 1 : 0);
        String tuple = "(" + "?, ".repeat(n - 1) + "?)";
        String sql = "insert into " + kind.table() + " (" + cols + ") values " + String.join(", ", java.util.Collections.nCopies(rows.size(), tuple))
                + " on conflict (account_id, id) do nothing returning id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (ResourceRow row : rows) {
                ps.setString(i++, accountId);
                ps.setString(i++, row.id());
                ps.setObject(i++, row.created());
                ps.setObject(i++, row.updated());
                i = bindValues(c, ps, i, row);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) inserted.add(rs.getString(1));
            }
        }
        return inserted;
    }

    void update(Connection c, String accountId, ResourceRow row) throws SQLException {
        StringBuilder set = new StringBuilder("updated = ?");
        columnAttributes.forEach(a -> set.append(", ").append(a.column()).append(" = ?"));
        toOneColumns.forEach(col -> set.append(", ").append(col.column()).append(" = ?"));
        if (kind.hasDocument()) set.append(", doc = ?");
        try (PreparedStatement ps = c.prepareStatement("update " + kind.table() + " set " + set
                + " where account_id = ? and id = ?")) {
            ps.setObject(1, row.updated());
            int i = bindValues(c, ps, 2, row);
            ps.setString(i++, accountId);
            ps.setString(i, row.id());
            ps.executeUpdate();
        }
    }

    private int bindValues(Connection c, PreparedStatement ps, int i, ResourceRow row) throws SQLException {
        for (Attribute a : columnAttributes) a.type().bind(c, ps, i++, row.attributes().get(a.name()));
        for (String name : toOneNames) ps.setString(i++, row.toOne().get(name));
        if (kind.hasDocument()) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            for (Attribute a : kind.attributes()) {
                JsonNode v = row.attributes().get(a.name());
                if (a.column() == null && v != null && !v.isNull()) doc.set(a.name(), v);
            }
            ps.setObject(i++, doc.toString(), Types.OTHER);
        }
        return i;
    }

    boolean delete(Connection c, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + kind.table() + " where account_id = ? and id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    Optional<ResourceRow> find(Connection c, String accountId, String id, boolean forUpdate) throws SQLException {
        List<ResourceRow> rows = select(c, accountId, " and t.id = ?" + (forUpdate ? " for update" : ""), id);
        return rows.stream().findFirst();
    }

    /** The rows with these ids, in no particular order (unknown ids are skipped). */
    List<ResourceRow> findAll(Connection c, String accountId, List<String> ids) throws SQLException {
        return select(c, accountId, " and t.id = any(?)", ids.toArray(String[]::new));
    }

    /** The rows whose {@code column} holds one of these ids (the variants of some items). */
    List<ResourceRow> findBy(Connection c, String accountId, String column, List<String> ids) throws SQLException {
        return select(c, accountId, " and t." + column + " = any(?) order by t.created, t.id", ids.toArray(String[]::new));
    }

    private List<ResourceRow> select(Connection c, String accountId, String condition, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + selectColumns + " from " + kind.table()
                + " t where t.account_id = ?" + condition)) {
            ps.setString(1, accountId);
            if (param instanceof String[] array) ps.setArray(2, c.createArrayOf("text", array));
            else ps.setObject(2, param);
            List<ResourceRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        }
    }

    /** Of these ids, those the account does not have, in the order given. */
    List<String> unknownIds(Connection c, String accountId, List<String> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        try (PreparedStatement ps = c.prepareStatement("select x from unnest(?::text[]) with ordinality u(x, n) where not exists "
                + "(select 1 from " + kind.table() + " t where t.account_id = ? and t.id = u.x) order by n")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            ps.setString(2, accountId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    record Paged(ResourceRow row, String sortKey) {}

    /**
     * One keyset page. {@code scope} restricts the rows further (the items of one category): trusted SQL on
     * alias {@code t} with its parameters.
     */
    List<Paged> page(Connection c, String accountId, SqlFragment scope, SqlFragment filter, Keyset keyset,
                     Keyset.Position at, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(accountId);
        params.addAll(scope.params());
        return PagedQuery.fetch(c, selectColumns, kind.table() + " t where t.account_id = ? and " + scope.sql(), params,
                filter, keyset, at, limit, (rs, key) -> new Paged(map(rs), key));
    }

    /**
     * One keyset page of this kind's resources linked to {@code otherId}, read through the link table's copy of
     * their created (its index leads with account_id, the other end's id, then that copy): {@code keyset} sorts on
     * {@code l.<ownCreated>} and {@code l.<ownColumn>}.
     */
    List<Paged> linkedPage(Connection c, String accountId, Relationship.LinkTable link, String otherId, SqlFragment filter,
                           Keyset keyset, Keyset.Position at, int limit) throws SQLException {
        return PagedQuery.fetch(c, selectColumns, link.table() + " l join " + kind.table() + " t on t.account_id = l.account_id and t.id = l."
                        + link.ownColumn() + " where l.account_id = ? and l." + link.otherColumn() + " = ?", List.of(accountId, otherId),
                filter, keyset, at, limit, (rs, key) -> new Paged(map(rs), key));
    }

    private ResourceRow map(ResultSet rs) throws SQLException {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        OffsetDateTime created = rs.getObject(2, OffsetDateTime.class);
        OffsetDateTime updated = rs.getObject(3, OffsetDateTime.class);
        int i = 4;
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        for (Attribute a : columnAttributes) columns.put(a.name(), a.type().read(rs, i++));
        Map<String, String> toOne = new LinkedHashMap<>();
        for (String name : toOneNames) toOne.put(name, rs.getString(i++));
        JsonNode doc = null;
        if (kind.hasDocument()) doc = AttributeType.OBJECT.read(rs, i);
        var nodes = Json.MAPPER.getNodeFactory();
        for (Attribute a : kind.attributes()) {
            JsonNode v;
            if (a.column() == null) v = doc.path(a.name()).isMissingNode() ? nodes.nullNode() : doc.get(a.name());
            else if (isTimestamp(a)) v = nodes.textNode(Rfc3339.format(a.column().equals("created") ? created : updated));
            else v = columns.get(a.name());
            attributes.put(a.name(), v);
        }
        return new ResourceRow(rs.getString(1), attributes, toOne, created, updated);
    }

    // --- link tables ---

    /**
     * Links the resource to the {@code otherIds} rows of {@code otherTable} (which exist: the caller checked), with
     * the copies of either end's created the link table keeps.
     */
    void addLinks(Connection c, String accountId, Relationship.LinkTable link, String ownId, OffsetDateTime ownCreated,
                  String otherTable, List<String> otherIds) throws SQLException {
        if (otherIds.isEmpty()) return;
        StringBuilder columns = new StringBuilder("account_id, " + link.ownColumn() + ", " + link.otherColumn());
        StringBuilder values = new StringBuilder("?, ?, o.id");
        if (link.ownCreated() != null) {
            columns.append(", ").append(link.ownCreated());
            values.append(", ?::timestamptz");
        }
        if (link.otherCreated() != null) {
            columns.append(", ").append(link.otherCreated());
            values.append(", o.created");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + link.table() + " (" + columns + ") select " + values
                + " from " + otherTable + " o where o.account_id = ? and o.id = any(?) on conflict do nothing")) {
            int i = 1;
            ps.setString(i++, accountId);
            ps.setString(i++, ownId);
            if (link.ownCreated() != null) ps.setObject(i++, ownCreated);
            ps.setString(i++, accountId);
            ps.setArray(i, c.createArrayOf("text", otherIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Removes the links to {@code otherIds}, or every link of the resource when that is null. */
    void removeLinks(Connection c, String accountId, Relationship.LinkTable link, String ownId, List<String> otherIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + link.table() + " where account_id = ? and "
                + link.ownColumn() + " = ?" + (otherIds == null ? "" : " and " + link.otherColumn() + " = any(?)"))) {
            ps.setString(1, accountId);
            ps.setString(2, ownId);
            if (otherIds != null) ps.setArray(3, c.createArrayOf("text", otherIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** (own id, other id) pairs of the links of these resources, for includes. */
    static List<String[]> links(Connection c, String accountId, Relationship.LinkTable link, List<String> ownIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + link.ownColumn() + ", " + link.otherColumn() + " from "
                + link.table() + " where account_id = ? and " + link.ownColumn() + " = any(?) order by 1, 2")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", ownIds.toArray()));
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            return out;
        }
    }
}
