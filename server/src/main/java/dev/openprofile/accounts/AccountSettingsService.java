package dev.openprofile.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.auth.AccountStore.Account;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.store.Jdbc;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and changes account settings, for the admin API and the CLI alike, so that both refuse the
 * same values with the same words. Nothing is cached: every node reads the account table.
 */
public final class AccountSettingsService {
    private final AccountStore accounts;
    private final Supplier<String> ids;

    public AccountSettingsService(AccountStore accounts, Supplier<String> ids) {
        this.accounts = accounts;
        this.ids = ids;
    }

    public List<Account> all() {
        return accounts.accounts();
    }

    /** The named account; 404 when there is none. */
    public Account get(String name) {
        return accounts.account(name).orElseThrow(() -> unknown(name));
    }

    /** The account an API key belongs to. */
    public Account byId(String accountId) {
        return accounts.accountById(accountId).orElseThrow(() -> new IllegalStateException("a key's account exists"));
    }

    /**
     * Creates the named account with Klaviyo's defaults, then applies {@code settings} (as {@link #update});
     * 409 when the name is taken. A bad setting creates nothing.
     */
    public Account create(String name, JsonNode settings) {
        AccountPatch.validateName(name, "/name");
        AccountPatch patch = AccountPatch.parse(settings == null ? Json.MAPPER.createObjectNode() : settings);
        Account created = accounts.create(name, ids.get()).orElseThrow(() -> taken(name));
        return patch.isEmpty() ? created : update(name, patch);
    }

    /**
     * Applies {@code patch}, a JSON object of the settings to change (JSON merge patch: a nested object
     * changes only the keys it names), and returns the account as it is now. A setting that cannot be
     * changed or a bad value is a 400 pointing at it; no such account, a 404; a new name another account
     * holds, a 409. Nothing changes unless everything is valid.
     */
    public Account update(String name, JsonNode patch) {
        return update(name, AccountPatch.parse(patch));
    }

    private Account update(String name, AccountPatch patch) {
        try {
            return accounts.update(name, patch::applyTo).orElseThrow(() -> unknown(name));
        } catch (Jdbc.StoreException e) {
            if ("23505".equals(e.sqlException().getSQLState())) throw taken(patch.name().orElse(name));
            throw e;
        }
    }

    /** An account as the admin API and {@code openprofile accounts show} print it. */
    public static ObjectNode json(Account a) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("name", a.name()).put("account_id", a.accountId())
                .put("public_key", a.publicKey());
        out.put(AccountPatch.DEFAULT_OPT_IN, a.defaultOptIn()).put(AccountPatch.UNSUBSCRIBE_SCOPE, a.unsubscribeScope())
                .put(AccountPatch.TIMEZONE, a.timezone()).put(AccountPatch.CURRENCY, a.preferredCurrency())
                .put(AccountPatch.LOCALE, a.locale()).put(AccountPatch.INDUSTRY, a.industry())
                .put(AccountPatch.TEST_ACCOUNT, a.testAccount()).put(AccountPatch.SMS_AGE_GATE, a.smsAgeGate());
        out.set(AccountPatch.CONTACT, contactInformation(a));
        return out;
    }

    /**
     * The account's contact information as Klaviyo shows it: what the operator set, and for the rest the
     * account's name as sender and organization name, an empty sender email and no address, since the
     * spec requires the names and the email to be strings (docs/compatibility.md, "Accounts").
     */
    public static ObjectNode contactInformation(Account a) {
        JsonNode set = AccountPatch.tree(a.contactInformation());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("default_sender_name", text(set, "default_sender_name").orElse(a.name()));
        out.put("default_sender_email", text(set, "default_sender_email").orElse(""));
        out.put("website_url", text(set, "website_url").orElse(null));
        out.put("organization_name", text(set, "organization_name").orElse(a.name()));
        ObjectNode address = out.putObject("street_address");
        for (String key : AccountPatch.ADDRESS_KEYS) address.put(key, text(set.path("street_address"), key).orElse(null));
        return out;
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static ApiError unknown(String name) {
        return AdminAccounts.unknown(name, ApiError.Source.parameter("name"));
    }

    private static ApiError taken(String name) {
        return new ApiError(409, "conflict", "Conflict.", "An account named '" + name + "' already exists.",
                ApiError.Source.pointer("/name"), null);
    }
}
