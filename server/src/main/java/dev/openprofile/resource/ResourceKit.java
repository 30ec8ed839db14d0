package dev.openprofile.resource;

import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.BatchIncluder;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared kinds of one server, by type: relationships and includes reach their target kind here.
 * App registers every declaration, then asks for their endpoints.
 */
public final class ResourceKit {
    private final Jdbc jdbc;
    private final Clock clock;
    private final Links links;
    private final Map<String, ResourceService> services = new LinkedHashMap<>();
    /** Includes of External relationships, by "type/relationship", supplied by the feature that serves them. */
    private final Map<String, BatchIncluder> externalIncludes = new LinkedHashMap<>();

    public ResourceKit(Jdbc jdbc, Clock clock, Links links) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.links = links;
    }

    public ResourceService register(ResourceKind kind) {
        if (services.containsKey(kind.type())) throw new IllegalArgumentException(kind.type() + " registered twice");
        ResourceService service = new ResourceService(this, kind, jdbc, clock);
        services.put(kind.type(), service);
        return service;
    }

    public ResourceService service(String type) {
        ResourceService s = services.get(type);
        if (s == null) throw new IllegalArgumentException("no resource kind " + type);
        return s;
    }

    /**
     * Lets {@code include=relationship} on {@code type}'s reads show the related resources of an External
     * relationship, which the feature keeping it supplies (a list's tags, from the tags feature).
     */
    public void supplyInclude(String type, String relationship, BatchIncluder includer) {
        Relationship r = kind(type).relationship(relationship)
                .orElseThrow(() -> new IllegalArgumentException(type + " has no relationship " + relationship));
        if (!(r.storage() instanceof Relationship.External)) throw new IllegalArgumentException(type + "." + relationship + " is the kit's");
        externalIncludes.put(type + "/" + relationship, includer);
    }

    BatchIncluder externalInclude(String type, String relationship) {
        return externalIncludes.get(type + "/" + relationship);
    }

    ResourceKind kind(String type) {
        return service(type).kind();
    }

    public ResourceRenderer renderer() {
        return new ResourceRenderer(this, links);
    }

    /** The endpoints of every registered kind, as their declarations name them. */
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        ResourceRenderer renderer = renderer();
        for (ResourceService s : services.values()) out.addAll(new ResourceRoutes(this, s, renderer, links).endpoints());
        return out;
    }

    public List<ResourceKind> kinds() {
        return services.values().stream().map(ResourceService::kind).toList();
    }
}
