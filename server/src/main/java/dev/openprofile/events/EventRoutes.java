package dev.openprofile.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.ApiErrors;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.metrics.MetricDescriptor;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.profiles.Profile;
import dev.openprofile.profiles.ProfileDescriptor;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.store.Paging;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** HTTP for the Events tag. */
public final class EventRoutes {
    static final int MAX_BULK_EVENTS = 1_000;
    private static final String BULK_BASE = "/data/attributes/events-bulk-create/data";

    private final EventService service;
    private final ProfileService profiles;
    private final MetricService metrics;
    private final Links links;
    private final Clock clock;

    public EventRoutes(EventService service, ProfileService profiles, MetricService metrics, Links links, Clock clock) {
        this.service = service;
        this.profiles = profiles;
        this.metrics = metrics;
        this.links = links;
        this.clock = clock;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("create_event", r -> create(r, false)),
                Endpoint.of("bulk_create_events", this::bulk),
                // The client endpoints: the same processing, the profile's identifiers kept as they are.
                Endpoint.of("create_client_event", r -> create(r, true)),
                Endpoint.of("bulk_create_client_events", this::clientBulk),
                Endpoint.of("get_events", this::list).sortedBy("datetime"),
                Endpoint.of("get_event", this::get),
                Endpoint.of("get_metric_for_event", this::metric),
                Endpoint.of("get_metric_id_for_event", r -> identifier(r, MetricDescriptor.identifier(event(r).metricId()))),
                Endpoint.of("get_profile_for_event", this::profile),
                Endpoint.of("get_profile_id_for_event", r -> identifier(r, ProfileDescriptor.identifier(event(r).profileId()))));
    }

    /** 202 with no body (spec), once the event is stored. */
    private ApiResponse create(ApiRequest r, boolean client) {
        JsonNode data = r.data();
        if (!"event".equals(data.path("type").asText(null))) throw ApiError.invalidPointer("/data/type", "'type' must be 'event'.");
        JsonNode attributes = data.path("attributes");
        EventInput.NewEvent event = EventInput.parse(attributes, "/data/attributes",
                attributes.path("profile").get("data"), "/data/attributes/profile/data", now());
        service.create(r.accountId(), client ? event.clientSide() : event, "/data/attributes/profile/data");
        return ApiResponse.accepted();
    }

    /**
     * bulk_create_client_events: one profile's events (at most 1,000), all validated first, then the
     * bulk job of bulk_create_events. {@code backfill} only keeps flows from firing, and no flow runs here.
     */
    private ApiResponse clientBulk(ApiRequest r) {
        JsonNode data = r.data();
        if (!"event-bulk-create".equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'event-bulk-create'.");
        }
        JsonNode attributes = data.path("attributes");
        JsonNode backfill = attributes.path("backfill");
        if (!backfill.isMissingNode() && !backfill.isNull() && !backfill.isBoolean()) {
            throw ApiError.invalidPointer("/data/attributes/backfill", "'backfill' must be a boolean.");
        }
        JsonNode list = attributes.path("events").path("data");
        String base = "/data/attributes/events/data";
        if (!list.isArray() || list.isEmpty()) throw ApiError.invalidPointer(base, "At least one event is required.");
        if (list.size() > MAX_BULK_EVENTS) {
            throw ApiError.invalidPointer(base, "At most " + MAX_BULK_EVENTS + " events per request; got " + list.size() + ".");
        }
        List<EventInput.NewEvent> events = new ArrayList<>();
        // By pointer and detail: the one profile is checked with each event, and its error is reported once.
        java.util.Map<String, ApiError> errors = new java.util.LinkedHashMap<>();
        OffsetDateTime now = now();
        for (int j = 0; j < list.size(); j++) {
            try {
                events.add(bulkEvent(list.get(j), base + "/" + j, attributes.path("profile").get("data"),
                        "/data/attributes/profile/data", now).clientSide());
            } catch (ApiError e) {
                errors.putIfAbsent(e.source() + e.detail(), e);
            }
        }
        if (!errors.isEmpty()) throw new ApiErrors(List.copyOf(errors.values()));
        service.submitBulk(r.accountId(), events);
        return ApiResponse.accepted();
    }

    /** One event of a bulk request ({type: event, attributes}), for the profile its entry gives. */
    private static EventInput.NewEvent bulkEvent(JsonNode event, String eventBase, JsonNode profile, String profileBase,
                                                 OffsetDateTime now) {
        if (!"event".equals(event.path("type").asText(null))) {
            throw ApiError.invalidPointer(eventBase + "/type", "'type' must be 'event'.");
        }
        return EventInput.parse(event.path("attributes"), eventBase + "/attributes", profile, profileBase, now);
    }

    /** At most 1,000 events; every one is validated first, and one failure rejects the job (nothing stored). */
    private ApiResponse bulk(ApiRequest r) {
        JsonNode data = r.data();
        if (!"event-bulk-create-job".equals(data.path("type").asText(null))) {
            throw ApiError.invalidPointer("/data/type", "'type' must be 'event-bulk-create-job'.");
        }
        JsonNode entries = data.path("attributes").path("events-bulk-create").path("data");
        if (!entries.isArray() || entries.isEmpty()) throw ApiError.invalidPointer(BULK_BASE, "At least one profile's events are required.");
        List<EventInput.NewEvent> events = new ArrayList<>();
        List<ApiError> errors = new ArrayList<>();
        OffsetDateTime now = now();
        int count = 0;
        for (int i = 0; i < entries.size(); i++) {
            String base = BULK_BASE + "/" + i + "/attributes";
            JsonNode entry = entries.get(i).path("attributes");
            JsonNode list = entry.path("events").path("data");
            if (!list.isArray()) {
                errors.add(ApiError.invalidPointer(base + "/events/data", "'events.data' must be an array."));
                continue;
            }
            count += list.size();
            for (int j = 0; j < list.size(); j++) {
                String eventBase = base + "/events/data/" + j;
                try {
                    events.add(bulkEvent(list.get(j), eventBase, entry.path("profile").get("data"), base + "/profile/data", now));
                } catch (ApiError e) {
                    errors.add(e);
                }
            }
        }
        if (count > MAX_BULK_EVENTS) {
            throw ApiError.invalidPointer(BULK_BASE, "At most " + MAX_BULK_EVENTS + " events per job; got " + count + ".");
        }
        if (!errors.isEmpty()) throw new ApiErrors(errors);
        service.submitBulk(r.accountId(), events);
        return ApiResponse.accepted();
    }

    private ApiResponse list(ApiRequest r) {
        Paging.Page<EventStore.Row> page = service.list(r.accountId(), r.query());
        List<Event> events = page.rows().stream().map(EventStore.Row::event).toList();
        List<ObjectNode> data = events.stream().map(e -> EventDescriptor.resource(e, r.query(), links)).toList();
        ObjectNode doc = Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode())));
        include(r, doc, events);
        return ApiResponse.ok(doc);
    }

    private ApiResponse get(ApiRequest r) {
        Event e = event(r);
        ObjectNode doc = Resources.single(EventDescriptor.resource(e, r.query(), links));
        include(r, doc, List.of(e));
        return ApiResponse.ok(doc);
    }

    /** include=metric,profile: each related resource once; attributions do not exist yet. */
    private void include(ApiRequest r, ObjectNode doc, List<Event> events) {
        Query q = r.query();
        if (q.include().isEmpty()) return;
        ArrayNode included = doc.putArray("included");
        if (q.include().contains("metric")) {
            Set<String> ids = new LinkedHashSet<>(events.stream().map(Event::metricId).toList());
            for (String id : ids) metrics.find(r.accountId(), id).ifPresent(m -> included.add(MetricDescriptor.resource(m, q, links)));
        }
        if (q.include().contains("profile")) {
            Set<String> ids = new LinkedHashSet<>(events.stream().map(Event::profileId).toList());
            List<Profile> found = ids.stream().flatMap(id -> profiles.find(r.accountId(), id).stream()).toList();
            profiles.resources(r.accountId(), found, q, links).forEach(included::add);
        }
    }

    private ApiResponse metric(ApiRequest r) {
        String metricId = event(r).metricId();
        return ApiResponse.ok(Resources.single(MetricDescriptor.resource(metrics.find(r.accountId(), metricId)
                .orElseThrow(() -> EventService.notFound(r.pathParam("id"))), r.query(), links)));
    }

    private ApiResponse profile(ApiRequest r) {
        Profile p = profiles.find(r.accountId(), event(r).profileId()).orElseThrow(() -> EventService.notFound(r.pathParam("id")));
        return ApiResponse.ok(Resources.single(profiles.resources(r.accountId(), List.of(p), r.query(), links).get(0)));
    }

    private ApiResponse identifier(ApiRequest r, ObjectNode data) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.set("data", data);
        doc.putObject("links").put("self", links.path(r.path()));
        return ApiResponse.ok(doc);
    }

    private Event event(ApiRequest r) {
        return service.get(r.accountId(), r.pathParam("id"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
