package dev.openprofile.jsonapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Supplies the related resources one {@code include} value adds to a document's {@code included}
 * (e.g. a profile's lists). The feature that owns the related resource provides it; App wires it in.
 */
@FunctionalInterface
public interface Includer {
    List<ObjectNode> related(String accountId, String resourceId, Query query);
}
