package dev.openprofile.customobjects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The object types as another feature needs them (the records feature: a type's records and logs answer 404 for an
 * unknown type, and {@code include=object-type} shows it): read from this feature's table and rendered by its one
 * renderer, so the type's wire shape lives in one place.
 */
public final class ObjectTypes {
    private final Jdbc jdbc;
    private final DefinitionRenderer render;

    public ObjectTypes(Jdbc jdbc, Links links) {
        this.jdbc = jdbc;
        this.render = new DefinitionRenderer(links);
    }

    /** Whether the account has the object type, read in the caller's transaction. */
    public static boolean exists(Connection c, String accountId, String id) throws SQLException {
        return DefinitionStore.type(c, accountId, id, false).isPresent();
    }

    /** The object type as get_object_type shows it; empty when the account has none with this id. */
    public Optional<ObjectNode> resource(String accountId, String id, Query query) {
        return jdbc.read(c -> DefinitionStore.type(c, accountId, id, false)).map(t -> render.type(t, query));
    }
}
