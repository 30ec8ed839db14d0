package dev.openprofile.resource;

import dev.openprofile.http.Endpoint;
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
