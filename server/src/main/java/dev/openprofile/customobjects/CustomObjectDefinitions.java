package dev.openprofile.customobjects;

import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The definitions feature as App wires it: data sources on the resource kit; object types, schemas, source mappings
 * and schema relationships on routes of their own (drafts, activation and versions are behaviour the kit has not).
 */
public final class CustomObjectDefinitions {
    private final List<Endpoint> endpoints;

    private CustomObjectDefinitions(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * @param ids        ULIDs, for every definition
     * @param activation told of each activation, inside its transaction (the records feature backfills)
     */
    public static CustomObjectDefinitions register(ResourceKit kit, Jdbc jdbc, Clock clock, Links links, Supplier<String> ids,
                                                   RequestSchemas schemas, SchemaActivation activation) {
        kit.register(DataSourceKind.declare(ids));
        DefinitionService service = new DefinitionService(jdbc, clock, ids, activation);
        DefinitionReads reads = new DefinitionReads(jdbc);
        DefinitionRenderer render = new DefinitionRenderer(links);
        List<Endpoint> out = new ArrayList<>(new ObjectTypeRoutes(service, reads, render, links, schemas).endpoints());
        out.addAll(new ObjectSchemaRoutes(service, new Relationships(jdbc, clock, ids), reads, render, links, schemas).endpoints());
        return new CustomObjectDefinitions(List.copyOf(out));
    }

    /** The endpoints the kit does not serve (it serves the data sources'). */
    public List<Endpoint> endpoints() {
        return endpoints;
    }
}
