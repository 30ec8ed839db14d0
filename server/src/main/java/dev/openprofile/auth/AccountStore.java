package dev.openprofile.auth;

import dev.openprofile.store.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** SQL for accounts and API keys. */
public final class AccountStore {
    /** The account the server creates on first start and holds OPENPROFILE_API_KEY. */
    public static final String DEFAULT_ACCOUNT = "default";
    private final Jdbc jdbc;

    public AccountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An account and the settings its operator may change: {@code defaultOptIn} ({@code single_opt_in}
     * or {@code double_opt_in}), {@code unsubscribeScope} ({@code global} or {@code list}; the table's
     * check constraint keeps it to those), and what get_accounts shows: timezone, currency, locale,
     * industry, test flag, and {@code contactInformation}, a JSON object of the contact fields set so far;
     * {@code smsAgeGate}: SMS consent needs a date of birth old enough (Klaviyo's age-gating).
     */
    public record Account(String accountId, String name, String publicKey, String defaultOptIn,
                          String unsubscribeScope, String timezone, String preferredCurrency, String locale,
                          String industry, boolean testAccount, String contactInformation, boolean smsAgeGate) {}

    private static final String ACCOUNT_COLUMNS = "account_id, name, public_key, default_opt_in, unsubscribe_scope, "
            + "timezone, preferred_currency, locale, industry, test_account, contact_information::text, sms_age_gate";

    public record KeyInfo(String keyId, String accountName, String label, Set<String> scopes,
                          OffsetDateTime created, OffsetDateTime revoked) {}

    record ActiveKey(String accountId, Set<String> scopes) {}

    Optional<ActiveKey> findActiveKey(byte[] hash) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select account_id, scopes from api_key where key_hash = ? and revoked is null")) {
                ps.setBytes(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new ActiveKey(rs.getString(1), scopes(rs.getArray(2))));
                }
            }
        });
    }

    /** An unrevoked private key: its account and its id (the web console's session names the key, never holds it). */
    public record KeyOwner(String accountId, String keyId) {}

    public Optional<KeyOwner> activeKeyOwner(String key) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select account_id, key_id from api_key where key_hash = ? and revoked is null")) {
                ps.setBytes(1, ApiKeys.hash(key));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new KeyOwner(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    /** The id of the account whose public key (company id, site id) this is. */
    Optional<String> accountOfPublicKey(String publicKey) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select account_id from account where public_key = ?")) {
                ps.setString(1, publicKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Finds the account by name, creating it (with the given or a fresh public key) when new. */
    public Account ensureAccount(String name, Optional<String> publicKey, String newAccountId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into account (account_id, name, public_key) values (?, ?, ?)
                    on conflict (name) do nothing""")) {
                ps.setString(1, newAccountId);
                ps.setString(2, name);
                ps.setString(3, publicKey.orElseGet(ApiKeys::newPublicKey));
                ps.executeUpdate();
            }
            if (publicKey.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("update account set public_key = ? where name = ?")) {
                    ps.setString(1, publicKey.get());
                    ps.setString(2, name);
                    ps.executeUpdate();
                }
            }
            return account(c, name).orElseThrow();
        });
    }

    /** The account's default opt-in process for lists created without one. */
    public String defaultOptIn(String accountId) {
        return setting(accountId, "default_opt_in", "single_opt_in");
    }

    /** The account's unsubscribe scope, {@code global} or {@code list}. */
    public String unsubscribeScope(String accountId) {
        return setting(accountId, "unsubscribe_scope", "global");
    }

    /** Whether the account is age-gated for SMS consent. */
    public boolean smsAgeGate(String accountId) {
        return Boolean.parseBoolean(setting(accountId, "sms_age_gate::text", "false"));
    }

    /** The account's IANA time zone (reports read their timeframes in it). */
    public String timezone(String accountId) {
        return setting(accountId, "timezone", "UTC");
    }

    /** One setting column of the account, or {@code fallback} when there is no such account. */
    private String setting(String accountId, String column, String fallback) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + column + " from account where account_id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : fallback;
                }
            }
        });
    }

    /**
     * Changes the named account's settings to what {@code change} makes of them, under a row lock so that
     * two operators' changes never interleave; empty when there is no such account. A new name that
     * another account holds fails with the unique violation (SQLState 23505) for the caller to report.
     */
    public Optional<Account> update(String name, UnaryOperator<Account> change) {
        return jdbc.inTransaction(c -> {
            Optional<Account> current;
            try (PreparedStatement ps = c.prepareStatement("select " + ACCOUNT_COLUMNS + " from account where name = ? for update")) {
                ps.setString(1, name);
                current = first(ps);
            }
            if (current.isEmpty()) return current;
            Account next = change.apply(current.get());
            try (PreparedStatement ps = c.prepareStatement("""
                    update account set name = ?, default_opt_in = ?, unsubscribe_scope = ?, timezone = ?,
                        preferred_currency = ?, locale = ?, industry = ?, test_account = ?, contact_information = ?::jsonb,
                        sms_age_gate = ?
                    where account_id = ? returning\s""" + ACCOUNT_COLUMNS)) {
                ps.setString(1, next.name());
                ps.setString(2, next.defaultOptIn());
                ps.setString(3, next.unsubscribeScope());
                ps.setString(4, next.timezone());
                ps.setString(5, next.preferredCurrency());
                ps.setString(6, next.locale());
                ps.setString(7, next.industry());
                ps.setBoolean(8, next.testAccount());
                ps.setString(9, next.contactInformation());
                ps.setBoolean(10, next.smsAgeGate());
                ps.setString(11, current.get().accountId());
                return first(ps);
            }
        });
    }

    /** Creates an account with a fresh public key; empty when the name is taken. */
    public Optional<Account> create(String name, String newAccountId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into account (account_id, name, public_key) values (?, ?, ?)
                    on conflict (name) do nothing""")) {
                ps.setString(1, newAccountId);
                ps.setString(2, name);
                ps.setString(3, ApiKeys.newPublicKey());
                if (ps.executeUpdate() == 0) return Optional.empty();
            }
            return account(c, name);
        });
    }

    /** The account with this id (the id an API key resolves to). */
    public Optional<Account> accountById(String accountId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + ACCOUNT_COLUMNS + " from account where account_id = ?")) {
                ps.setString(1, accountId);
                return first(ps);
            }
        });
    }

    public Optional<Account> account(String name) {
        return jdbc.read(c -> account(c, name));
    }

    /** Every account, by name. */
    public List<Account> accounts() {
        return jdbc.read(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + ACCOUNT_COLUMNS + " from account order by name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(account(rs));
            }
            return out;
        });
    }

    private static Optional<Account> account(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + ACCOUNT_COLUMNS + " from account where name = ?")) {
            ps.setString(1, name);
            return first(ps);
        }
    }

    private static Optional<Account> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(account(rs)) : Optional.empty();
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11),
                rs.getBoolean(12));
    }

    /** Returns false when a key with this hash already exists (then nothing changes). */
    public boolean insertKey(String accountId, String keyId, byte[] hash, String label, Set<String> scopes) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into api_key (account_id, key_id, key_hash, label, scopes) values (?, ?, ?, ?, ?)
                    on conflict (key_hash) do nothing""")) {
                ps.setString(1, accountId);
                ps.setString(2, keyId);
                ps.setBytes(3, hash);
                ps.setString(4, label);
                ps.setArray(5, c.createArrayOf("text", scopes.toArray()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<String> accountOfKey(byte[] hash) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select account_id from api_key where key_hash = ?")) {
                ps.setBytes(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public boolean hasKeys(String accountId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from api_key where account_id = ? limit 1")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Every account's keys (never the keys themselves), by account name and creation. */
    public List<KeyInfo> listKeys() {
        return listKeys(null);
    }

    /** One account's keys, oldest first ({@code accountId} null: every account's). */
    public List<KeyInfo> listKeys(String accountId) {
        return jdbc.read(c -> {
            List<KeyInfo> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select k.key_id, a.name, k.label, k.scopes, k.created, k.revoked
                    from api_key k join account a using (account_id)
                    where ?::text is null or k.account_id = ? order by a.name, k.created""")) {
                ps.setString(1, accountId);
                ps.setString(2, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new KeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), scopes(rs.getArray(4)),
                                rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)));
                    }
                }
            }
            return keys;
        });
    }

    public boolean revoke(String keyId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update api_key set revoked = now() where key_id = ? and revoked is null")) {
                ps.setString(1, keyId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Set<String> scopes(Array array) throws SQLException {
        return Set.copyOf(new LinkedHashSet<>(Arrays.asList((String[]) array.getArray())));
    }
}
