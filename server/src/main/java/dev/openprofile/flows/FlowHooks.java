package dev.openprofile.flows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceRow;
import dev.openprofile.store.Jdbc;

/** What a flow shows beyond its declaration: {@code additional-fields[flow]=definition}, assembled when asked for. */
final class FlowHooks implements Hooks {
    private final Jdbc jdbc;

    FlowHooks(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void render(String accountId, ResourceRow row, Query query, ObjectNode attributes) {
        if (query.wantsAdditional(FlowKinds.FLOW, "definition")) {
            attributes.set("definition", jdbc.read(c -> FlowStore.definition(c, accountId, row.id(), row.attributes().get("frame"))));
        }
    }
}
