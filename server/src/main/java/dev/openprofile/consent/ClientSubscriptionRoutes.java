package dev.openprofile.consent;

import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** create_client_subscription (POST /client/subscriptions): 202 with no body once the profile and its job are stored. */
public final class ClientSubscriptionRoutes {
    private final ConsentService service;
    private final Clock clock;

    public ClientSubscriptionRoutes(ConsentService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of("create_client_subscription", this::subscribe));
    }

    private ApiResponse subscribe(ApiRequest r) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        service.submitClient(r.accountId(), ClientSubscriptionInput.parse(r.data(), now));
        return ApiResponse.accepted();
    }
}
