package dev.openprofile.flows;

import dev.openprofile.jsonapi.RequestSchemas;

/**
 * The spec's own schemas of what create_flow and update_flow_action are given, compiled at startup: a whole flow
 * definition (FlowCreateQuery's FlowDefinition) and one action's (FlowActionUpdateQuery's definition, one of the
 * action types). They hold every member; {@link FlowInput} and {@link ActionInput} then check what the schemas cannot
 * say (temporary ids, links naming known actions, members the spec does not list).
 */
record FlowSchemas(RequestSchemas.Check definition, RequestSchemas.Check action) {
    static FlowSchemas of(RequestSchemas schemas) {
        return new FlowSchemas(schemas.check("FlowDefinition"),
                schemas.check("FlowActionUpdateQueryResourceObject/properties/attributes/properties/definition"));
    }
}
