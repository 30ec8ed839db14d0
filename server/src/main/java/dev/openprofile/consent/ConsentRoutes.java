package dev.openprofile.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.store.Paging;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** HTTP for the Consent tag's subscription and suppression jobs. */
public final class ConsentRoutes {
    private final ConsentService service;
    private final Links links;
    private final Clock clock;

    public ConsentRoutes(ConsentService service, Links links, Clock clock) {
        this.service = service;
        this.links = links;
        this.clock = clock;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("bulk_subscribe_profiles", r -> submit(r, ConsentJob.Kind.SUBSCRIBE)),
                Endpoint.of("bulk_unsubscribe_profiles", r -> submit(r, ConsentJob.Kind.UNSUBSCRIBE)),
                Endpoint.of("bulk_suppress_profiles", r -> submit(r, ConsentJob.Kind.SUPPRESS)),
                Endpoint.of("bulk_unsuppress_profiles", r -> submit(r, ConsentJob.Kind.UNSUPPRESS)),
                Endpoint.of("get_bulk_suppress_profiles_jobs", r -> list(r, ConsentJob.Kind.SUPPRESS)).sortedBy("created"),
                Endpoint.of("get_bulk_unsuppress_profiles_jobs", r -> list(r, ConsentJob.Kind.UNSUPPRESS)).sortedBy("created"),
                Endpoint.of("get_bulk_suppress_profiles_job", r -> get(r, ConsentJob.Kind.SUPPRESS)),
                Endpoint.of("get_bulk_unsuppress_profiles_job", r -> get(r, ConsentJob.Kind.UNSUPPRESS)));
    }

    /** Subscription jobs answer 202 with no body (spec); suppression jobs with the job resource. */
    private ApiResponse submit(ApiRequest r, ConsentJob.Kind kind) {
        ConsentInput.Submission s = ConsentInput.parse(kind, r.data(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                kind == ConsentJob.Kind.SUBSCRIBE && service.smsAgeGate(r.accountId()));
        ConsentJob job = service.submit(r.accountId(), s);
        if (kind == ConsentJob.Kind.SUBSCRIBE || kind == ConsentJob.Kind.UNSUBSCRIBE) return new ApiResponse(202, null);
        return new ApiResponse(202, Resources.single(ConsentDescriptor.resource(job, r.query(), links)));
    }

    private ApiResponse list(ApiRequest r, ConsentJob.Kind kind) {
        Paging.Page<ConsentJobStore.Row> page = service.list(r.accountId(), kind, r.query());
        List<ObjectNode> data = page.rows().stream().map(row -> ConsentDescriptor.resource(row.job(), r.query(), links)).toList();
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()))));
    }

    private ApiResponse get(ApiRequest r, ConsentJob.Kind kind) {
        return ApiResponse.ok(Resources.single(ConsentDescriptor.resource(
                service.get(r.accountId(), kind, r.pathParam("job_id")), r.query(), links)));
    }
}
