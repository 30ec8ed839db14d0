package dev.openprofile.backinstock;

import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import java.util.List;

/**
 * create_back_in_stock_subscription (POST /api/back-in-stock-subscriptions, a private key) and
 * create_client_back_in_stock_subscription (POST /client/back-in-stock-subscriptions, a public key): one body
 * but for the profile's rules (BackInStockInput.Side); 202, no body, once stored.
 */
public final class BackInStockRoutes {
    private final BackInStockService service;

    public BackInStockRoutes(BackInStockService service) {
        this.service = service;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("create_back_in_stock_subscription", r -> subscribe(r, BackInStockInput.Side.SERVER)),
                Endpoint.of("create_client_back_in_stock_subscription", r -> subscribe(r, BackInStockInput.Side.CLIENT)));
    }

    private ApiResponse subscribe(ApiRequest r, BackInStockInput.Side side) {
        BackInStockInput.Request request = BackInStockInput.parse(r.data(), side);
        service.subscribe(r.accountId(), request.profile(), request.variantId(), request.channels());
        return ApiResponse.accepted();
    }
}
