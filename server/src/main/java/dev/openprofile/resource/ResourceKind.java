package dev.openprofile.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declaration of a plain resource: everything the kit needs to serve it. Its table has the columns
 * {@code account_id, id, created, updated}, one per attribute that names a column, one per to-one
 * relationship, and {@code doc jsonb} when any attribute lives in the document.
 *
 * @param type       the JSON:API type ("catalog-item")
 * @param path       the collection path ("/api/catalog-items"); resource links are PATH/ID/
 * @param table      the table (a code constant)
 * @param ids        how new ids are made
 * @param operations which spec operations serve it
 * @param hooks      the behaviour of its own (defaults from account settings, checks); {@link Hooks#NONE} if none
 */
public record ResourceKind(String type, String path, String table, List<Attribute> attributes,
                           List<Relationship> relationships, IdScheme ids, Operations operations, Hooks hooks) {

    public ResourceKind {
        attributes = List.copyOf(attributes);
        relationships = List.copyOf(relationships);
        if (!(ids instanceof IdScheme.Generated)) {
            List<String> parts = switch (ids) {
                case IdScheme.Composite c -> c.attributes();
                case IdScheme.FromAttribute f -> List.of(f.attribute());
                case IdScheme.WithinParent w -> List.of(w.attribute());
                default -> List.of();
            };
            for (String p : parts) {
                Attribute a = attributes.stream().filter(x -> x.name().equals(p)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(type + ": id part " + p + " is not an attribute"));
                if (!a.createOnly() || (!a.required() && a.defaultValue() == null)) {
                    throw new IllegalArgumentException(type + ": id part " + p + " must be create-only and always set");
                }
            }
        }
    }

    /**
     * The operation ids of the resource's own endpoints; null for an operation it does not have.
     * Relationship endpoints are named per relationship in {@link RelationshipOperations}. Collections
     * sort by {@code defaultSort} when the request names no sort and the operation has one, else by id.
     */
    public record Operations(String list, String create, String get, String update, String delete,
                             String defaultSort, Map<String, RelationshipOperations> relationships) {
        public Operations {
            relationships = Map.copyOf(relationships);
        }
    }

    /**
     * The endpoints of one relationship: the related resources, their ids, and adding, replacing and
     * removing links (to-many through a link table only); null where the spec has none.
     */
    public record RelationshipOperations(String related, String ids, String add, String replace, String remove) {}

    /** Whether any attribute lives in the JSONB document. */
    public boolean hasDocument() {
        for (Attribute a : attributes) if (a.column() == null) return true;
        return false;
    }

    /** A plain loop, not a stream: bulk jobs look up every attribute of every record (bench/catalog-sync.sh). */
    public Optional<Attribute> attribute(String name) {
        for (Attribute a : attributes) if (a.name().equals(name)) return Optional.of(a);
        return Optional.empty();
    }

    public Optional<Relationship> relationship(String name) {
        return relationships.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Every filter field the kit can serve for this kind: its columns and its relationships' {@code X.id}. */
    java.util.Set<String> filterFields() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(filterColumns().keySet());
        for (Relationship r : relationships) {
            if (r.filterName() != null && !(r.storage() instanceof Relationship.External)) out.add(r.filterName() + ".id");
        }
        return out;
    }

    /** Filter field to SQL on alias {@code t}: id, attributes with a column, and to-one relationships. */
    Map<String, String> filterColumns() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("id", "t.id");
        out.put("ids", "t.id");
        for (Attribute a : attributes) if (a.column() != null) out.put(a.name(), "t." + a.column());
        for (Relationship r : relationships) {
            if (r.filterName() != null && r.storage() instanceof Relationship.Column c) out.put(r.filterName() + ".id", "t." + c.column());
        }
        out.put("created", "t.created");
        out.put("updated", "t.updated");
        out.putAll(hooks.filterColumns());
        return out;
    }
}
