package dev.openprofile.backinstock;

import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import java.util.List;

/** create_client_back_in_stock_subscription (POST /client/back-in-stock-subscriptions): 202, no body, once stored. */
public final class ClientBackInStockRoutes {
    private final BackInStockService service;

    public ClientBackInStockRoutes(BackInStockService service) {
        this.service = service;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of("create_client_back_in_stock_subscription", this::subscribe));
    }

    private ApiResponse subscribe(ApiRequest r) {
        BackInStockInput.Request request = BackInStockInput.parse(r.data());
        service.subscribe(r.accountId(), request.profile(), request.variantId(), request.channels());
        return ApiResponse.accepted();
    }
}
