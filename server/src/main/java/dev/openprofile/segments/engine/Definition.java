package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A parsed segment definition: a profile is a member when every group holds, and a group holds when
 * any of its conditions does. {@code json} is the definition as the request gave it (checked), which is
 * what the API stores and returns.
 */
public record Definition(List<List<Condition>> groups, ObjectNode json) {
    public Definition {
        groups = List.copyOf(groups);
        json = json.deepCopy();
    }

    public ObjectNode toJson() {
        return json.deepCopy();
    }
}
