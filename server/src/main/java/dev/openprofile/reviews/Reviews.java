package dev.openprofile.reviews;

import dev.openprofile.events.EventIncludes;
import dev.openprofile.events.EventService;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/** The reviews feature as App builds it: the review kind registered in the kit, the client routes, the ProfileData. */
public final class Reviews {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReviewService service;
    private final List<Endpoint> endpoints;

    private Reviews(ReviewService service, List<Endpoint> endpoints) {
        this.service = service;
        this.endpoints = endpoints;
    }

    /** Registers the review kind; the catalog items must be registered already (a review names one). */
    public static Reviews register(ResourceKit kit, Jdbc jdbc, ProfileService profiles, EventService events, Clock clock,
                                   Links links, String itemType) {
        ResourceService reviews = kit.register(ReviewKind.declare(new ReviewHooks(), Reviews::newId));
        ReviewService service = new ReviewService(jdbc, profiles, events, new EventIncludes(jdbc, links), kit.service(itemType),
                clock, Reviews::newId);
        kit.supplyInclude(ReviewKind.TYPE, "events", service::events);
        ReviewRoutes routes = new ReviewRoutes(service, reviews, kit.renderer(), new ValuesReport(jdbc, clock), links);
        return new Reviews(service, routes.endpoints());
    }

    /** The client operations (the kit serves the private ones with its own endpoints). */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** What a profile's merge and deletion do to its reviews. */
    public ReviewService profileData() {
        return service;
    }

    /** Klaviyo's review ids are 32 hex digits ("925e385b52fb405715f3616c337cc65c" in the spec). */
    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
