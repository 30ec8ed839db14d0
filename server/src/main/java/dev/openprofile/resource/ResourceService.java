package dev.openprofile.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.filter.SqlFilter;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.jsonapi.filter.Term;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Keyset;
import dev.openprofile.store.Paging;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules every declared resource shares: create (id by its scheme, 409 when taken), read (404), update
 * (immutable attributes refused by the input, {@code updated} moves only on a real change), delete, keyset
 * collections with the spec's filters, and relationship links. Writes that a bulk job batches take the
 * caller's connection, so a job and the single call run the same code.
 */
public final class ResourceService {
    private static final int ID_ATTEMPTS = 5;
    private final ResourceKit kit;
    private final ResourceKind kind;
    private final ResourceStore store;
    private final Jdbc jdbc;
    private final Clock clock;

    ResourceService(ResourceKit kit, ResourceKind kind, Jdbc jdbc, Clock clock) {
        this.kit = kit;
        this.kind = kind;
        this.store = new ResourceStore(kind);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ResourceKind kind() {
        return kind;
    }

    public ResourceRow create(String accountId, ResourceInput.Changes changes) {
        return jdbc.inTransaction(c -> create(c, accountId, changes, "/data"));
    }

    /** Creates inside the caller's transaction; errors point below {@code base} (the resource object's pointer). */
    public ResourceRow create(Connection c, String accountId, ResourceInput.Changes changes, String base) throws SQLException {
        Map<String, JsonNode> attributes = new LinkedHashMap<>(changes.attributes());
        kind.hooks().beforeCreate(c, accountId, attributes);
        Map<String, String> toOne = toOne(c, accountId, changes, base, kind.hooks().toOneDefaults(c, accountId));
        OffsetDateTime now = now();
        String fixedId = kind.ids().idFor(attributes, toOne);
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String id = fixedId != null ? fixedId : ((IdScheme.Generated) kind.ids()).ids().get();
            ResourceRow row = new ResourceRow(id, complete(attributes), toOne, now, now);
            boolean inserted;
            try {
                inserted = insert(c, accountId, row);
            } catch (SQLException e) {
                throw conflictOrRethrow(e, base);
            }
            if (inserted) {
                replaceLinks(c, accountId, id, now, changes, base);
                return row;
            }
            if (fixedId != null) throw duplicate(id, base);
        }
        throw new IllegalStateException("no free " + kind.type() + " id after " + ID_ATTEMPTS + " attempts");
    }

    /** One record of {@link #createAll}: the row it created, or the error its single create gives (nothing of it stored). */
    public record Created(ResourceRow row, ApiError error) {}

    /**
     * Creates many inside the caller's transaction (a bulk job's chunk), each with the outcome {@link #create}
     * gives it, in far fewer round trips: the records whose to-one targets all exist, that name no link table
     * and whose id no other record of the batch shares are inserted by one statement; every other record, and
     * one that statement did not insert (its id taken), then goes through {@link #create} under its own savepoint,
     * in order, which gives its row or its error. The hook's beforeCreate runs once per record before any insert,
     * so a hook that refuses must do so before it writes (as the kit's hooks do).
     */
    public List<Created> createAll(Connection c, String accountId, List<ResourceInput.Changes> changes, List<String> bases)
            throws SQLException {
        int n = changes.size();
        Created[] out = new Created[n];
        ResourceRow[] rows = new ResourceRow[n];
        if (!c.getAutoCommit() && kind.relationships().stream().noneMatch(r -> r.toOne() && r.target().equals(kind.type()))) {
            batch(c, accountId, changes, out, rows);
        }
        for (int i = 0; i < n; i++) {
            if (out[i] != null) continue;
            var savepoint = c.setSavepoint();
            try {
                out[i] = new Created(create(c, accountId, changes.get(i), bases.get(i)), null);
                c.releaseSavepoint(savepoint);
            } catch (ApiError e) {
                c.rollback(savepoint);
                out[i] = new Created(null, e);
            }
        }
        return List.of(out);
    }

    /** The one-statement part of {@link #createAll}: fills {@code out} for the records it inserted. */
    private void batch(Connection c, String accountId, List<ResourceInput.Changes> changes, Created[] out, ResourceRow[] rows)
            throws SQLException {
        OffsetDateTime now = now();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> repeated = new java.util.HashSet<>();
        Map<Relationship, java.util.Set<String>> targets = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            ResourceInput.Changes ch = changes.get(i);
            boolean links = kind.relationships().stream().anyMatch(r -> r.storage() instanceof Relationship.LinkTable
                    && ch.relationships().containsKey(r.name()));
            if (links) continue;
            Map<String, JsonNode> attributes = new LinkedHashMap<>(ch.attributes());
            try {
                kind.hooks().beforeCreate(c, accountId, attributes);
            } catch (ApiError e) {
                out[i] = new Created(null, e);
                continue;
            }
            Map<String, String> toOne = new LinkedHashMap<>(kind.hooks().toOneDefaults(c, accountId));
            for (Relationship r : kind.relationships()) {
                List<String> given = r.toOne() ? ch.relationships().get(r.name()) : null;
                if (given == null) continue;
                toOne.put(r.name(), given.get(0));
                targets.computeIfAbsent(r, x -> new java.util.HashSet<>()).add(given.get(0));
            }
            String fixedId = kind.ids().idFor(attributes, toOne);
            String id = fixedId != null ? fixedId : ((IdScheme.Generated) kind.ids()).ids().get();
            if (!seen.add(id)) repeated.add(id);   // every record of a repeated id goes alone, in order
            rows[i] = new ResourceRow(id, complete(attributes), toOne, now, now);
        }
        for (var e : targets.entrySet()) {
            java.util.Set<String> unknown = new java.util.HashSet<>(kit.service(e.getKey().target()).store.unknownIds(c, accountId,
                    List.copyOf(e.getValue())));
            if (unknown.isEmpty()) continue;
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != null && unknown.contains(rows[i].toOne().get(e.getKey().name()))) rows[i] = null;
            }
        }
        List<ResourceRow> batch = new ArrayList<>();
        for (ResourceRow row : rows) if (row != null && !repeated.contains(row.id())) batch.add(row);
        if (batch.isEmpty()) return;
        java.util.Set<String> inserted;
        var savepoint = c.setSavepoint();
        try {
            inserted = store.insertAll(c, accountId, batch);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            c.rollback(savepoint);   // another unique column taken, a target deleted meanwhile: each record alone tells
            return;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null && !repeated.contains(rows[i].id()) && inserted.contains(rows[i].id())) out[i] = new Created(rows[i], null);
        }
    }

    /** Inserts under a savepoint, so a unique violation leaves the caller's transaction usable. */
    private boolean insert(Connection c, String accountId, ResourceRow row) throws SQLException {
        if (c.getAutoCommit()) return store.insert(c, accountId, row);
        var savepoint = c.setSavepoint();
        try {
            boolean inserted = store.insert(c, accountId, row);
            c.releaseSavepoint(savepoint);
            return inserted;
        } catch (SQLException e) {
            c.rollback(savepoint);
            throw e;
        }
    }

    public ResourceRow get(String accountId, String id) {
        return find(accountId, id).orElseThrow(() -> notFound(id));
    }

    public Optional<ResourceRow> find(String accountId, String id) {
        return jdbc.read(c -> store.find(c, accountId, id, false));
    }

    public Optional<ResourceRow> find(Connection c, String accountId, String id) throws SQLException {
        return store.find(c, accountId, id, false);
    }

    /** The resources with these ids, in the order given; unknown ids are skipped. */
    public List<ResourceRow> findAll(String accountId, List<String> ids) {
        if (ids.isEmpty()) return List.of();
        Map<String, ResourceRow> byId = new LinkedHashMap<>();
        for (ResourceRow row : jdbc.read(c -> store.findAll(c, accountId, ids))) byId.put(row.id(), row);
        return ids.stream().distinct().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public boolean exists(String accountId, String id) {
        return find(accountId, id).isPresent();
    }

    public ResourceRow update(String accountId, String id, ResourceInput.Changes changes) {
        if (!id.equals(changes.id())) throw ApiError.idMismatch(changes.id(), id);
        return jdbc.inTransaction(c -> update(c, accountId, changes, "/data").orElseThrow(() -> notFound(id)));
    }

    /** Updates inside the caller's transaction; empty when there is no such resource. */
    public Optional<ResourceRow> update(Connection c, String accountId, ResourceInput.Changes changes, String base) throws SQLException {
        Optional<ResourceRow> found = store.find(c, accountId, changes.id(), true);
        if (found.isEmpty()) return found;
        ResourceRow current = found.get();
        Map<String, JsonNode> changed = new LinkedHashMap<>(changes.attributes());
        kind.hooks().beforeUpdate(c, accountId, current, changed);
        Map<String, JsonNode> attributes = new LinkedHashMap<>(current.attributes());
        attributes.putAll(changed);
        Map<String, String> toOne = toOne(c, accountId, changes, base, current.toOne());
        ResourceRow next = new ResourceRow(current.id(), attributes, toOne, current.created(), current.updated());
        boolean linksChanged = replaceLinks(c, accountId, current.id(), current.created(), changes, base);
        if (sameValues(current.attributes(), attributes) && toOne.equals(current.toOne()) && !linksChanged) return found;
        next = new ResourceRow(current.id(), attributes, toOne, current.created(), now());
        try {
            store.update(c, accountId, next);
        } catch (SQLException e) {
            throw conflictOrRethrow(e, base);
        }
        return Optional.of(next);
    }

    public void delete(String accountId, String id) {
        if (!jdbc.inTransaction(c -> delete(c, accountId, id))) throw notFound(id);
    }

    /** Deletes inside the caller's transaction; false when there is no such resource. */
    public boolean delete(Connection c, String accountId, String id) throws SQLException {
        if (store.find(c, accountId, id, true).isEmpty()) return false;
        kind.hooks().beforeDelete(c, accountId, id);
        return store.delete(c, accountId, id);
    }

    /**
     * A page of the collection, or of the resources related to one other resource ({@code scope}). A filter
     * {@code equals(category.id,…)} on a link table that keeps this kind's created, with the created sort, reads
     * through the link table instead ({@link #linked}).
     */
    public Paging.Page<ResourceStore.Paged> list(String accountId, Query query, SqlFragment scope) {
        Query.Sort sort = sort(query);
        if (scope.params().isEmpty() && sort.field().equals("created")) {
            for (Term t : query.filter()) {
                Relationship r = linkFilter(t);
                if (r != null) {
                    List<Term> rest = new java.util.ArrayList<>(query.filter());
                    rest.remove(t);
                    return linked(accountId, query, rest, (Relationship.LinkTable) r.storage(), (String) t.values().getFirst());
                }
            }
        }
        Keyset keyset = keyset(sort);
        SqlFragment filter = filter(query.filter());
        Keyset.Position at = Paging.position(query.cursor());
        List<ResourceStore.Paged> rows = jdbc.read(c -> store.page(c, accountId, scope, filter, keyset, at, fetchSize(query)));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(), r -> new String[] {r.sortKey(), r.row().id()});
    }

    /**
     * {@link #list}'s rows alone, for a feature that serves a collection of the kind under its own operation and
     * {@code scope} (trusted SQL on alias {@code t}): a storefront's public reviews.
     */
    public Paging.Page<ResourceRow> rows(String accountId, Query query, SqlFragment scope) {
        Paging.Page<ResourceStore.Paged> page = list(accountId, query, scope);
        return new Paging.Page<>(page.rows().stream().map(ResourceStore.Paged::row).toList(), page.next(), page.prev());
    }

    /** The resources of this kind related to {@code otherId} of the kind that declares {@code relationship}. */
    Paging.Page<ResourceStore.Paged> listRelated(String accountId, Query query, Relationship relationship, String otherId) {
        if (relationship.storage() instanceof Relationship.LinkTable l && l.otherCreated() != null && sort(query).field().equals("created")) {
            return linked(accountId, query, query.filter(), l.reversed(), otherId);
        }
        return list(accountId, query, scopeRelatedTo(relationship, otherId));
    }

    /** A page read through a link table that keeps this kind's created ({@code link} seen from this kind). */
    private Paging.Page<ResourceStore.Paged> linked(String accountId, Query query, List<Term> terms, Relationship.LinkTable link,
                                                    String otherId) {
        Query.Sort sort = sort(query);
        Keyset keyset = new Keyset("l." + link.ownCreated(), "timestamptz", "l." + link.ownColumn(), sort.descending());
        SqlFragment filter = filter(terms);
        Keyset.Position at = Paging.position(query.cursor());
        List<ResourceStore.Paged> rows = jdbc.read(c -> store.linkedPage(c, accountId, link, otherId, filter, keyset, at,
                fetchSize(query)));
        return Paging.page(rows, query.pageSize(), query.cursor(), sort.field(), r -> new String[] {r.sortKey(), r.row().id()});
    }

    /** The relationship an {@code equals(X.id, "…")} term names, when its link table keeps this kind's created. */
    private Relationship linkFilter(Term t) {
        if (t.operator() != dev.openprofile.jsonapi.filter.Operator.EQUALS || t.list() || t.isNullTest()) return null;
        for (Relationship r : kind.relationships()) {
            if (r.filterName() != null && t.field().equals(r.filterName() + ".id")
                    && r.storage() instanceof Relationship.LinkTable l && l.ownCreated() != null) return r;
        }
        return null;
    }

    /** A page and one more row, which says whether there is a next page; everything for an operation that does not page. */
    private static int fetchSize(Query query) {
        return query.pageSize() == Integer.MAX_VALUE ? Integer.MAX_VALUE : query.pageSize() + 1;
    }

    private static Query.Sort sort(Query query) {
        return query.sort().orElse(new Query.Sort("id", false));
    }

    private SqlFragment filter(List<Term> terms) {
        return SqlFilter.translate(terms, SqlFilter.supported(terms, filterFields()), relatedFilters());
    }

    /** Every filter field of the kind, columns and related rows alike (for {@link SqlFilter#supported}). */
    private Map<String, String> filterFields() {
        Map<String, String> all = new LinkedHashMap<>(kind.filterColumns());
        relatedFilters().keySet().forEach(k -> all.put(k, ""));
        return all;
    }

    private Map<String, SqlFilter.Related> relatedFilters() {
        Map<String, SqlFilter.Related> out = new LinkedHashMap<>();
        for (Relationship r : kind.relationships()) {
            if (r.filterName() == null) continue;
            switch (r.storage()) {
                case Relationship.LinkTable l -> out.put(r.filterName() + ".id", new SqlFilter.Related(l.table() + " l WHERE l.account_id = t.account_id AND l."
                        + l.ownColumn() + " = t.id", "l." + l.otherColumn()));
                case Relationship.Inverse inv -> out.put(r.filterName() + ".id", new SqlFilter.Related(kit.kind(r.target()).table()
                        + " r WHERE r.account_id = t.account_id AND r." + inv.column() + " = t.id", "r.id"));
                case Relationship.Column col -> { }
                case Relationship.External ext -> { }
            }
        }
        return out;
    }

    private Keyset keyset(Query.Sort sort) {
        String field = sort.field();
        String column;
        String type;
        if (field.equals("id")) {
            return new Keyset("t.id", "text", "t.id", sort.descending());
        } else if (field.equals("created") || field.equals("updated")) {
            column = "t." + field;
            type = "timestamptz";
        } else {
            Attribute a = kind.attribute(field).filter(x -> x.column() != null)
                    .orElseThrow(() -> ApiError.invalidParameter("sort", "Sorting by '" + field + "' is not supported."));
            column = "t." + a.column();
            type = a.type().sqlType();
        }
        return new Keyset(column, type, "t.id", sort.descending());
    }

    // --- relationships ---

    /**
     * The SQL scope of the resources of THIS kind related to {@code otherId} of the kind that declares
     * {@code relationship} (the items of one category; the variants of one item).
     */
    SqlFragment scopeRelatedTo(Relationship relationship, String otherId) {
        return switch (relationship.storage()) {
            case Relationship.LinkTable l -> new SqlFragment("exists (select 1 from " + l.table() + " l where l.account_id = t.account_id and l."
                    + l.otherColumn() + " = t.id and l." + l.ownColumn() + " = ?)", List.of(otherId));
            case Relationship.Inverse inv -> new SqlFragment("t." + inv.column() + " = ?", List.of(otherId));
            case Relationship.Column col -> throw new IllegalArgumentException("a to-one relationship has no collection");
            case Relationship.External ext -> throw new IllegalArgumentException("served by its feature");
        };
    }

    /** Adds, replaces or removes links of a to-many relationship kept in a link table; 404s name the missing ids. */
    public void changeLinks(String accountId, String id, Relationship relationship, List<String> targetIds, LinkChange change) {
        if (!(relationship.storage() instanceof Relationship.LinkTable link)) throw new IllegalArgumentException("not a link table");
        String targetTable = kit.kind(relationship.target()).table();
        jdbc.inTransaction(c -> {
            ResourceRow own = store.find(c, accountId, id, true).orElseThrow(() -> notFound(id));
            if (change != LinkChange.REMOVE) checkTargets(c, accountId, relationship, targetIds, "/data");
            switch (change) {
                case ADD -> store.addLinks(c, accountId, link, id, own.created(), targetTable, targetIds);
                case REPLACE -> {
                    store.removeLinks(c, accountId, link, id, null);
                    store.addLinks(c, accountId, link, id, own.created(), targetTable, targetIds);
                }
                case REMOVE -> store.removeLinks(c, accountId, link, id, targetIds);
            }
            return null;
        });
    }

    public enum LinkChange { ADD, REPLACE, REMOVE }

    private Map<String, String> toOne(Connection c, String accountId, ResourceInput.Changes changes, String base,
                                      Map<String, String> current) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>(current);
        for (Relationship r : kind.relationships()) {
            if (!r.toOne()) continue;
            List<String> given = changes.relationships().get(r.name());
            if (given == null) continue;
            if (given.isEmpty()) {
                out.put(r.name(), null); // named with no target: the relationship is cleared
                continue;
            }
            checkTargets(c, accountId, r, given, base + "/relationships/" + r.name() + "/data");
            out.put(r.name(), given.get(0));
        }
        return out;
    }

    /** Replaces the links a create or update body names; whether anything was named. */
    private boolean replaceLinks(Connection c, String accountId, String id, OffsetDateTime created, ResourceInput.Changes changes,
                                 String base) throws SQLException {
        boolean any = false;
        for (Relationship r : kind.relationships()) {
            List<String> given = changes.relationships().get(r.name());
            if (given == null || !(r.storage() instanceof Relationship.LinkTable link)) continue;
            checkTargets(c, accountId, r, given, base + "/relationships/" + r.name() + "/data");
            java.util.Set<String> linked = new java.util.HashSet<>();
            ResourceStore.links(c, accountId, link, List.of(id)).forEach(pair -> linked.add(pair[1]));
            if (linked.equals(new java.util.HashSet<>(given))) continue;
            store.removeLinks(c, accountId, link, id, null);
            store.addLinks(c, accountId, link, id, created, kit.kind(r.target()).table(), given);
            any = true;
        }
        return any;
    }

    private void checkTargets(Connection c, String accountId, Relationship r, List<String> ids, String pointer) throws SQLException {
        ResourceService target = kit.service(r.target());
        List<String> unknown = target.store.unknownIds(c, accountId, ids);
        if (unknown.isEmpty()) return;
        String at = r.toOne() ? pointer + "/id" : pointer + "/" + ids.indexOf(unknown.get(0)) + "/id";
        throw new ApiError(404, "not_found", "Not found.", "A " + r.target() + " with id '" + unknown.get(0) + "' does not exist.",
                ApiError.Source.pointer(at), null);
    }

    /** The related rows of some resources, per resource id, for {@code include}. */
    Map<String, List<ResourceRow>> related(String accountId, Relationship r, List<ResourceRow> owners) {
        ResourceService target = kit.service(r.target());
        List<String> ids = owners.stream().map(ResourceRow::id).toList();
        return jdbc.read(c -> {
            Map<String, List<ResourceRow>> out = new LinkedHashMap<>();
            ids.forEach(id -> out.put(id, new ArrayList<>()));
            switch (r.storage()) {
                case Relationship.Inverse inv -> {
                    // The target's to-one relationship that holds this kind's id (a variant's item), found once.
                    String back = target.kind.relationships().stream().filter(x -> x.storage() instanceof Relationship.Column col
                            && col.column().equals(inv.column())).findFirst().orElseThrow().name();
                    for (ResourceRow row : target.store.findBy(c, accountId, inv.column(), ids)) out.get(row.toOne().get(back)).add(row);
                }
                case Relationship.LinkTable l -> {
                    List<String[]> pairs = ResourceStore.links(c, accountId, l, ids);
                    Map<String, ResourceRow> rows = new LinkedHashMap<>();
                    for (ResourceRow row : target.store.findAll(c, accountId, pairs.stream().map(p -> p[1]).distinct().toList())) rows.put(row.id(), row);
                    for (String[] p : pairs) if (rows.containsKey(p[1])) out.get(p[0]).add(rows.get(p[1]));
                }
                case Relationship.Column col -> {
                    Map<String, ResourceRow> rows = new LinkedHashMap<>();
                    List<String> targets = owners.stream().map(o -> o.toOne().get(r.name())).filter(java.util.Objects::nonNull).distinct().toList();
                    for (ResourceRow row : target.store.findAll(c, accountId, targets)) rows.put(row.id(), row);
                    for (ResourceRow o : owners) {
                        ResourceRow t = rows.get(o.toOne().get(r.name()));
                        if (t != null) out.get(o.id()).add(t);
                    }
                }
                case Relationship.External ext -> throw new IllegalArgumentException("served by its feature");
            }
            return out;
        });
    }

    /** Numbers compare by value (a body's 10 is the column's 10.0), everything else as JSON. */
    private static final java.util.Comparator<JsonNode> BY_VALUE = (x, y) ->
            x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1;

    private static boolean sameValues(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        if (!before.keySet().equals(after.keySet())) return false;
        for (var e : before.entrySet()) {
            JsonNode other = after.get(e.getKey());
            if (e.getValue() == null ? other != null : other == null || !e.getValue().equals(BY_VALUE, other)) return false;
        }
        return true;
    }

    /** Every declared attribute present, unset ones as JSON null, in declaration order. */
    private Map<String, JsonNode> complete(Map<String, JsonNode> given) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Attribute a : kind.attributes()) {
            JsonNode v = given.get(a.name());
            out.put(a.name(), v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v);
        }
        return out;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    private RuntimeException conflictOrRethrow(SQLException e, String base) throws SQLException {
        if ("23505".equals(e.getSQLState())) {
            return ApiError.conflict("conflict", "A " + kind.type() + " with these attributes already exists.", base + "/attributes", null);
        }
        throw e;
    }

    /** Klaviyo's 409 shape (its profiles' duplicate_profile): the existing id in the detail and in meta. */
    private ApiError duplicate(String id, String base) {
        return ApiError.conflict("conflict", "A " + kind.type() + " with id '" + id + "' already exists.",
                base + "/attributes/" + kind.ids().namingAttribute(), Map.of("duplicate_id", id));
    }

    public ApiError notFound(String id) {
        return new ApiError(404, "not_found", "Not found.", "A " + kind.type() + " with id '" + id + "' does not exist.",
                ApiError.Source.parameter("id"), null);
    }
}
