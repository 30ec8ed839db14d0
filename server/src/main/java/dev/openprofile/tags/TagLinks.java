package dev.openprofile.tags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.BatchIncluder;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.AdvisoryLock;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The links of tags to the objects they label, read from either side and changed from the tag's: an exclusive
 * group's rule ("any given related resource can only be linked to one tag from that tag group", spec,
 * create_tag_group) and "cannot be associated with more than 100 tags" (spec, tag_lists and the others) hold
 * under one lock per account, so concurrent taggings cannot break them.
 */
final class TagLinks {
    static final int MAX_TAGS_PER_OBJECT = 100;

    private final Jdbc jdbc;
    private final ResourceService tags;
    private final ResourceRenderer renderer;

    TagLinks(Jdbc jdbc, ResourceService tags, ResourceRenderer renderer) {
        this.jdbc = jdbc;
        this.tags = tags;
        this.renderer = renderer;
    }

    /** The ids of the objects of {@code kind} the tag labels, in id order; 404 when there is no such tag. */
    List<String> objectIds(String accountId, TaggedKind kind, String tagId) {
        tags.get(accountId, tagId);
        return jdbc.read(c -> strings(c, "select " + kind.column() + " from " + kind.linkTable()
                + " where account_id = ? and tag_id = ? order by 1", accountId, tagId));
    }

    /** Tags the objects (all or none): unknown ids are 404s pointing at them, the rules 400s. */
    void add(String accountId, TaggedKind kind, String tagId, List<String> objectIds) {
        try {
            addChecked(accountId, kind, tagId, objectIds, kind.unknown().of(accountId, objectIds));
        } catch (Jdbc.StoreException e) {
            // An object deleted since the check: its foreign key refuses the link, and nothing is applied.
            if (!"23503".equals(e.sqlException().getSQLState())) throw e;
            List<String> gone = kind.unknown().of(accountId, objectIds);
            if (gone.isEmpty()) throw e;
            throw unknownObject(kind, objectIds.indexOf(gone.getFirst()), gone.getFirst());
        }
    }

    private void addChecked(String accountId, TaggedKind kind, String tagId, List<String> objectIds, List<String> unknown) {
        jdbc.inTransaction(c -> {
            AdvisoryLock.take(c, "tag_links:" + accountId);
            String groupId = groupOf(c, accountId, tagId);
            if (!unknown.isEmpty()) throw unknownObject(kind, objectIds.indexOf(unknown.getFirst()), unknown.getFirst());
            if (objectIds.isEmpty()) return null;
            checkExclusive(c, accountId, kind, tagId, groupId, objectIds);
            checkLimit(c, accountId, kind, tagId, objectIds);
            try (PreparedStatement ps = c.prepareStatement("insert into " + kind.linkTable() + " (account_id, tag_id, " + kind.column()
                    + ") select ?, ?, x from unnest(?::text[]) x on conflict do nothing")) {
                ps.setString(1, accountId);
                ps.setString(2, tagId);
                ps.setArray(3, c.createArrayOf("text", objectIds.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Untags the objects; ids the tag does not label are no change (as the kit's link removal). */
    void remove(String accountId, TaggedKind kind, String tagId, List<String> objectIds) {
        jdbc.inTransaction(c -> {
            groupOf(c, accountId, tagId);
            if (objectIds.isEmpty()) return null;
            try (PreparedStatement ps = c.prepareStatement("delete from " + kind.linkTable() + " where account_id = ? and tag_id = ? and "
                    + kind.column() + " = any(?)")) {
                ps.setString(1, accountId);
                ps.setString(2, tagId);
                ps.setArray(3, c.createArrayOf("text", objectIds.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The tags of one object, in id order; 404 (at the path's id) when the account has no such object. */
    List<ResourceRow> tagsOf(String accountId, TaggedKind kind, String objectId) {
        if (!kind.unknown().of(accountId, List.of(objectId)).isEmpty()) {
            throw new ApiError(404, "not_found", "Not found.", "A " + kind.type() + " with id '" + objectId + "' does not exist.",
                    ApiError.Source.parameter("id"), null);
        }
        return tags.findAll(accountId, tagIdsOf(accountId, kind, List.of(objectId)).getOrDefault(objectId, List.of()));
    }

    List<ObjectNode> render(String accountId, List<ResourceRow> rows, Query query) {
        return renderer.resources(accountId, tags.kind(), rows, query);
    }

    /** {@code include=tags} on a page of objects of {@code kind}: two reads for the whole page. */
    BatchIncluder includer(TaggedKind kind) {
        return (accountId, ownerIds, query) -> {
            Map<String, List<String>> byOwner = tagIdsOf(accountId, kind, ownerIds);
            Map<String, ObjectNode> rendered = new LinkedHashMap<>();
            List<String> all = byOwner.values().stream().flatMap(List::stream).distinct().toList();
            for (ResourceRow row : tags.findAll(accountId, all)) rendered.put(row.id(), renderer.resource(accountId, tags.kind(), row, query));
            Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
            byOwner.forEach((owner, ids) -> out.put(owner, ids.stream().map(rendered::get).filter(java.util.Objects::nonNull).toList()));
            return out;
        };
    }

    /** The tag ids of each object, in id order. */
    private Map<String, List<String>> tagIdsOf(String accountId, TaggedKind kind, List<String> objectIds) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (objectIds.isEmpty()) return out;
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + kind.column() + ", tag_id from " + kind.linkTable()
                    + " where account_id = ? and " + kind.column() + " = any(?) order by 1, 2")) {
                ps.setString(1, accountId);
                ps.setArray(2, c.createArrayOf("text", objectIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return out;
        });
    }

    /** The tag's group, the tag share-locked against a concurrent delete; 404 when there is no such tag. */
    private String groupOf(Connection c, String accountId, String tagId) throws SQLException {
        List<String> group = strings(c, "select tag_group_id from tag where account_id = ? and id = ? for share", accountId, tagId);
        if (group.isEmpty()) throw tags.notFound(tagId);
        return group.getFirst();
    }

    private void checkExclusive(Connection c, String accountId, TaggedKind kind, String tagId, String groupId, List<String> objectIds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select l." + kind.column() + ", t.name, g.name from " + kind.linkTable() + " l"
                + " join tag t on t.account_id = l.account_id and t.id = l.tag_id"
                + " join tag_group g on g.account_id = t.account_id and g.id = t.tag_group_id"
                + " where l.account_id = ? and l." + kind.column() + " = any(?) and t.tag_group_id = ? and g.exclusive and l.tag_id <> ?"
                + " order by array_position(?::text[], l." + kind.column() + ") limit 1")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", objectIds.toArray()));
            ps.setString(3, groupId);
            ps.setString(4, tagId);
            ps.setArray(5, c.createArrayOf("text", objectIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String object = rs.getString(1);
                    throw ApiError.invalidPointer("/data/" + objectIds.indexOf(object) + "/id", "The " + kind.type() + " '" + object
                            + "' already has the tag '" + rs.getString(2) + "' of the exclusive tag group '" + rs.getString(3)
                            + "'; an object can have only one tag of an exclusive group.");
                }
            }
        }
    }

    private void checkLimit(Connection c, String accountId, TaggedKind kind, String tagId, List<String> objectIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select l." + kind.column() + " from " + kind.linkTable() + " l"
                + " where l.account_id = ? and l." + kind.column() + " = any(?) and not exists (select 1 from " + kind.linkTable()
                + " m where m.account_id = l.account_id and m.tag_id = ? and m." + kind.column() + " = l." + kind.column() + ")"
                + " group by l." + kind.column() + " having count(*) >= ? order by array_position(?::text[], l." + kind.column() + ") limit 1")) {
            ps.setString(1, accountId);
            ps.setArray(2, c.createArrayOf("text", objectIds.toArray()));
            ps.setString(3, tagId);
            ps.setInt(4, MAX_TAGS_PER_OBJECT);
            ps.setArray(5, c.createArrayOf("text", objectIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String object = rs.getString(1);
                    throw ApiError.invalidPointer("/data/" + objectIds.indexOf(object) + "/id", "The " + kind.type() + " '" + object
                            + "' cannot be associated with more than " + MAX_TAGS_PER_OBJECT + " tags.");
                }
            }
        }
    }

    /** A body's reference to an object the account does not have, as the kit reports one. */
    private static ApiError unknownObject(TaggedKind kind, int index, String id) {
        return new ApiError(404, "not_found", "Not found.", "A " + kind.type() + " with id '" + id + "' does not exist.",
                ApiError.Source.pointer("/data/" + index + "/id"), null);
    }

    private static List<String> strings(Connection c, String sql, String accountId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }
}
