package dev.openprofile.flows;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** One change to one member of a JSON document, for tests that break valid definitions. */
record Mutation(JsonPointer at, Kind kind, JsonNode value) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    enum Kind {
        /** A value of another JSON type. */
        RETYPE,
        /** A string no enumeration holds (a free-form string stays valid). */
        UNKNOWN_VALUE,
        /** The member gone (an array loses the element). */
        DELETE
    }

    /** A random change to a random leaf (a scalar, or an empty object or array) of {@code root} below {@code under}. */
    static Mutation random(JsonNode root, JsonPointer under, Random random) {
        List<JsonPointer> leaves = new java.util.ArrayList<>();
        collectLeaves(root.at(under), under, leaves::add);
        if (leaves.isEmpty()) return null;
        JsonPointer at = leaves.get(random.nextInt(leaves.size()));
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        JsonNode current = root.at(at);
        JsonNode value = switch (kind) {
            case DELETE -> null;
            case UNKNOWN_VALUE -> NODES.textNode("not-a-value");
            case RETYPE -> current.isTextual() ? NODES.numberNode(7)
                    : current.isNumber() ? NODES.textNode(current.asText())
                    : current.isBoolean() ? NODES.textNode(current.asText())
                    : current.isContainerNode() ? NODES.textNode("x") : NODES.booleanNode(true);
        };
        return new Mutation(at, kind, value);
    }

    /** {@code root} changed: the member at {@code at} set to {@code value}, or removed when value is null. */
    static ObjectNode apply(ObjectNode root, JsonPointer at, JsonNode value) {
        JsonNode parent = root.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (value == null) array.remove(index);
            else array.set(index, value);
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return root;
    }

    ObjectNode applyTo(ObjectNode root) {
        return apply(root, at, value);
    }

    private static void collectLeaves(JsonNode node, JsonPointer at, Consumer<JsonPointer> out) {
        if (!node.isContainerNode() || node.isEmpty()) {
            out.accept(at);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collectLeaves(node.get(i), at.appendIndex(i), out);
        } else {
            node.properties().forEach(e -> collectLeaves(e.getValue(), at.appendProperty(e.getKey()), out));
        }
    }
}
