package dev.openprofile.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore.Account;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Query;
import dev.openprofile.jsonapi.Resources;
import java.util.List;
import java.util.Optional;

/**
 * The Accounts tag: get_accounts and get_account show the key's own account and nothing else. As in
 * Klaviyo, an account's id is its public key (the company id of the /client endpoints).
 */
public final class AccountRoutes {
    static final String TYPE = "account";
    static final String PATH = "/api/accounts";

    private final AccountSettingsService service;
    private final Links links;

    public AccountRoutes(AccountSettingsService service, Links links) {
        this.service = service;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_accounts", r -> ApiResponse.ok(Resources.collection(
                        List.of(resource(service.byId(r.accountId()), r.query())),
                        links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())))),
                Endpoint.of("get_account", this::get));
    }

    private ApiResponse get(ApiRequest r) {
        Account own = service.byId(r.accountId());
        if (!own.publicKey().equals(r.pathParam("id"))) {
            throw new ApiError(404, "not_found", "Not found.", "No account with id '" + r.pathParam("id") + "' was found.",
                    ApiError.Source.parameter("id"), null);
        }
        return ApiResponse.ok(Resources.single(resource(own, r.query())));
    }

    private ObjectNode resource(Account a, Query query) {
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        attributes.put("test_account", a.testAccount());
        attributes.set("contact_information", AccountSettingsService.contactInformation(a));
        attributes.put("industry", a.industry());
        attributes.put("timezone", a.timezone());
        attributes.put("preferred_currency", a.preferredCurrency());
        attributes.put("public_api_key", a.publicKey());
        attributes.put("locale", a.locale());
        return Resources.resource(TYPE, a.publicKey(), attributes, query, links.resource(PATH, a.publicKey()));
    }
}
