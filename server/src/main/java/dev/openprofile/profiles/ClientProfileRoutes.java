package dev.openprofile.profiles;

import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import java.util.List;

/**
 * create_client_profile (POST /client/profiles): the upsert of create_or_update_profile from a browser or
 * app, answered 202 with no body (client endpoints show nothing of a profile), identifiers kept as they are.
 */
public final class ClientProfileRoutes {
    private final ProfileService service;

    public ClientProfileRoutes(ProfileService service) {
        this.service = service;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of("create_client_profile", this::create).limitBody(Endpoint.PROFILE_LIMIT));
    }

    /** Stored before the answer, so the 202 is as durable as any write. */
    private ApiResponse create(ApiRequest r) {
        service.upsert(r.accountId(), ProfileInput.parseClient(r.data(), "/data"));
        return ApiResponse.accepted();
    }
}
