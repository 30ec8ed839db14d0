package dev.openprofile.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Jdbc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The operator's controls over an account's state (README, "Operator controls"): {@code POST /admin/reset}
 * with {@code {"account": NAME}} (or {@code {}}: every account), {@code GET /admin/export?account=NAME}
 * (NDJSON) and {@code POST /admin/import?account=NAME} (the export's NDJSON as the body).
 */
public final class StateAdminRoutes {
    private final AccountStore accounts;
    private final AccountReset reset;
    private final StateExport export;
    private final StateImport load;

    /** @param forget each drops what its feature caches about an account (by id) once its state is replaced */
    public StateAdminRoutes(Jdbc jdbc, AccountStore accounts, List<Consumer<String>> forget) {
        StateTables tables = StateTables.read(jdbc);
        this.accounts = accounts;
        this.reset = new AccountReset(jdbc, tables, forget);
        this.export = new StateExport(jdbc, tables);
        this.load = new StateImport(jdbc, tables);
    }

    public List<AdminEndpoint> endpoints() {
        return List.of(
                new AdminEndpoint("POST", "/admin/reset", this::reset),
                AdminEndpoint.streaming("GET", "/admin/export", (query, body, out) -> {
                    String accountId = account(query).accountId();
                    export.write(accountId, out.stream(StateExport.MEDIA_TYPE));
                }),
                AdminEndpoint.streaming("POST", "/admin/import", (query, body, out) -> {
                    AccountStore.Account account = account(query);
                    Map<String, Long> loaded = load.load(account.accountId(), body);
                    reset.forgetAccount(account.accountId());
                    ObjectNode answer = Json.MAPPER.createObjectNode().put("account", account.name());
                    answer.set("loaded", Json.MAPPER.valueToTree(loaded));
                    out.json(200, answer);
                }));
    }

    /** {"account": NAME} resets that account; {} every account. Anything else is refused: a typo must not reset all. */
    private ApiResponse reset(AdminEndpoint.Request r) {
        JsonNode body = r.body();
        if (body == null || !body.isObject()) {
            throw ApiError.invalidPointer("/", "Send {\"account\": NAME} to reset one account, or {} to reset every account.");
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("account")) throw ApiError.invalidPointer("/" + name, "Unknown member '" + name + "': only 'account' is read.");
        }
        List<AccountStore.Account> targets = new ArrayList<>();
        if (body.has("account")) {
            if (!body.get("account").isTextual()) throw ApiError.invalidPointer("/account", "'account' must be an account's name.");
            String name = body.get("account").asText();
            targets.add(accounts.account(name).orElseThrow(() -> AdminAccounts.unknown(name, ApiError.Source.pointer("/account"))));
        } else {
            targets.addAll(accounts.accounts());
        }
        Map<String, Long> deleted = new TreeMap<>();
        ObjectNode answer = Json.MAPPER.createObjectNode();
        var names = answer.putArray("accounts");
        for (AccountStore.Account a : targets) {
            reset.reset(a.accountId()).forEach((kind, n) -> deleted.merge(kind, n, Long::sum));
            names.add(a.name());
        }
        answer.set("deleted", Json.MAPPER.valueToTree(deleted));
        return ApiResponse.ok(answer);
    }

    private AccountStore.Account account(Map<String, String> query) {
        String name = query.get("account");
        if (name == null || name.isBlank()) {
            throw ApiError.invalidParameter("account", "Name the account: ?account=NAME ('default' for the default account).");
        }
        return accounts.account(name).orElseThrow(() -> AdminAccounts.unknown(name, ApiError.Source.parameter("account")));
    }

}
