package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Supplies, for a whole page of resources at once, the related resources one {@code include} value adds (a
 * page of lists' tags): one read per page, not per row. The feature that owns the related resource provides it;
 * App wires it in.
 */
@FunctionalInterface
public interface BatchIncluder {
    /** The rendered related resources of each of {@code ownerIds}, by owner id; an owner with none may be absent. */
    Map<String, List<ObjectNode>> related(String accountId, List<String> ownerIds, Query query);
}
