package dev.openprofile.privacy;

import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import java.util.List;

/** HTTP for the Data Privacy tag: request_profile_deletion, 202 without a body once the job is stored. */
public final class PrivacyRoutes {
    private final ProfileDeletion deletion;

    public PrivacyRoutes(ProfileDeletion deletion) {
        this.deletion = deletion;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of("request_profile_deletion", this::delete));
    }

    private ApiResponse delete(ApiRequest r) {
        deletion.submit(r.accountId(), DeletionInput.parse(r.data()));
        return new ApiResponse(202, null);
    }
}
