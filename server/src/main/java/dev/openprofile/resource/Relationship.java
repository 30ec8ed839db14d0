package dev.openprofile.resource;

/**
 * A relationship of a resource to another kind, and where it is stored.
 *
 * @param name       the member of {@code relationships} ("categories", "item")
 * @param filterName the filter field prefix the spec uses for it ("category" in {@code category.id}); null
 *                   when no filter names it
 * @param target     the related kind's type
 * @param storage    how the link is kept
 * @param shown      whether responses show it under {@code relationships} (the spec's response schema)
 * @param onCreate   whether a create body may set it ({@code relationships.NAME.data})
 * @param onUpdate   whether an update body may replace it
 * @param required   whether a create body must set it
 */
public record Relationship(String name, String filterName, String target, Storage storage, boolean shown,
                           boolean onCreate, boolean onUpdate, boolean required) {

    /** Where a relationship's links live. Table and column names are code constants, never input. */
    public sealed interface Storage {}


    /** To-one: a column of this kind's own table holds the related id. */
    public record Column(String column) implements Storage {}

    /** To-many through a link table (account_id, own id, other id, created). */
    public record LinkTable(String table, String ownColumn, String otherColumn, String ownCreated, String otherCreated)
            implements Storage {
        public LinkTable(String table, String ownColumn, String otherColumn) {
            this(table, ownColumn, otherColumn, null, null);
        }

        /**
         * The link row keeps a copy of one end's {@code created} (which never changes), so that the resources of
         * that end linked to one resource of the other page in created order through the link table's index
         * (the items of a category), instead of walking every resource and probing its links.
         *
         * @param ownCreated   the column holding this end's created; null: none
         * @param otherCreated the column holding the other end's created; null: none
         */
        public LinkTable withCreatedCopies(String ownCreated, String otherCreated) {
            return new LinkTable(table, ownColumn, otherColumn, ownCreated, otherCreated);
        }

        /** The same links seen from the other end. */
        public LinkTable reversed() {
            return new LinkTable(table, otherColumn, ownColumn, otherCreated, ownCreated);
        }
    }

    /**
     * Kept and served by the owning feature's own code (a list's profiles): the kit only shows its links.
     */
    public record External() implements Storage {}

    /** To-many: the related kind's rows hold this kind's id in a column (the inverse of a {@link Column}). */
    public record Inverse(String column) implements Storage {}

    public static Relationship toOne(String name, String target, String column) {
        return new Relationship(name, null, target, new Column(column), true, false, false, false);
    }

    public static Relationship toMany(String name, String target, Storage storage) {
        return new Relationship(name, null, target, storage, true, false, false, false);
    }

    public Relationship filteredAs(String prefix) {
        return new Relationship(name, prefix, target, storage, shown, onCreate, onUpdate, required);
    }

    public Relationship hidden() {
        return new Relationship(name, filterName, target, storage, false, onCreate, onUpdate, required);
    }

    /** Settable in create and update bodies; {@code required} on create when asked. */
    public Relationship writable(boolean onCreate, boolean onUpdate, boolean required) {
        return new Relationship(name, filterName, target, storage, shown, onCreate, onUpdate, required);
    }

    public boolean toOne() {
        return storage instanceof Column;
    }
}
