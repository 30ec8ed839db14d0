package dev.openprofile.console;

import dev.openprofile.auth.ApiKeys;
import dev.openprofile.auth.Principal;
import dev.openprofile.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Console sessions in the database (any node, and a restart, keep them). The browser holds a random token; the
 * table holds its SHA-256 only, so a reader of the database cannot take over a session, and never the key that logged
 * in. A session ends when it has been idle for {@link #IDLE}, at logout, when its account key is revoked, or (an
 * operator session) when the admin key is no longer the one it logged in with.
 */
final class ConsoleSessions {
    static final Duration IDLE = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A live session: {@code accountId} empty for the operator; its CSRF token goes in every form; {@code scopes} the
     * scopes of the key an account logged in with (the console acts on the API with that key's powers, no more).
     */
    record Session(byte[] tokenHash, Optional<String> accountId, String csrfToken, Set<String> scopes) {
        boolean operator() {
            return accountId.isEmpty();
        }

        /** Whether this session may see and act on {@code account}: the operator every account, an account itself. */
        boolean mayOpen(String account) {
            return operator() || accountId.get().equals(account);
        }

        /**
         * Whether this session may create and revoke its account's keys: the operator, or a login with a key of every
         * scope. A narrower key must not mint a wider one, nor revoke the keys it was not given the powers of.
         */
        boolean managesKeys() {
            return operator() || scopes.contains(Principal.ALL_SCOPES);
        }

        /** Who the console calls the API as, on {@code account}'s behalf. */
        Principal principal(String account) {
            if (!mayOpen(account)) throw new IllegalStateException("session may not open " + account);
            return new Principal(account, operator() ? Set.of(Principal.ALL_SCOPES) : scopes);
        }
    }

    private final Jdbc jdbc;
    private final Optional<byte[]> adminKey;
    private final Clock clock;

    ConsoleSessions(Jdbc jdbc, Optional<String> adminKey, Clock clock) {
        this.jdbc = jdbc;
        this.adminKey = adminKey.map(k -> k.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    /** A new operator session; its token (for the cookie). */
    String openOperator() {
        String token = randomToken();
        byte[] hash = ApiKeys.hash(token);
        insert(hash, null, null, proof(hash));
        return token;
    }

    /** A new session of one account, tied to the key that logged in; its token. */
    String openAccount(String accountId, String keyId) {
        String token = randomToken();
        insert(ApiKeys.hash(token), accountId, keyId, null);
        return token;
    }

    /** The live session of this cookie value, its idle time restarted; empty when there is none. */
    Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) return Optional.empty();
        byte[] hash = ApiKeys.hash(token);
        OffsetDateTime now = now();
        return jdbc.inTransaction(c -> {
            // An account session lives while its key does: the join drops it the moment the key is revoked.
            try (PreparedStatement ps = c.prepareStatement("""
                    update console_session s set last_seen = ?
                    where s.token_hash = ? and s.last_seen > ?
                      and (s.account_id is null or exists (select 1 from api_key k where k.account_id = s.account_id
                           and k.key_id = s.key_id and k.revoked is null))
                    returning s.account_id, s.key_proof, s.csrf_token,
                      (select k.scopes from api_key k where k.account_id = s.account_id and k.key_id = s.key_id)""")) {
                ps.setObject(1, now);
                ps.setBytes(2, hash);
                ps.setObject(3, now.minus(IDLE));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Session>empty();
                    String accountId = rs.getString(1);
                    byte[] storedProof = rs.getBytes(2);
                    if (accountId == null && (adminKey.isEmpty() || !MessageDigest.isEqual(storedProof, proof(hash)))) {
                        return Optional.<Session>empty();
                    }
                    java.sql.Array scopes = rs.getArray(4);
                    return Optional.of(new Session(hash, Optional.ofNullable(accountId), rs.getString(3),
                            scopes == null ? Set.of() : Set.copyOf(java.util.Arrays.asList((String[]) scopes.getArray()))));
                }
            }
        });
    }

    void close(Session session) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from console_session where token_hash = ?")) {
                ps.setBytes(1, session.tokenHash());
                return ps.executeUpdate();
            }
        });
    }

    private void insert(byte[] hash, String accountId, String keyId, byte[] proof) {
        OffsetDateTime now = now();
        jdbc.inTransaction(c -> {
            // Sessions idle past their time are swept as new ones open: the table stays the size of its live sessions.
            try (PreparedStatement ps = c.prepareStatement("delete from console_session where last_seen <= ?")) {
                ps.setObject(1, now.minus(IDLE));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into console_session (token_hash, account_id, key_id, key_proof, csrf_token, created, last_seen)
                    values (?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setBytes(1, hash);
                ps.setString(2, accountId);
                ps.setString(3, keyId);
                ps.setBytes(4, proof);
                ps.setString(5, randomToken());
                ps.setObject(6, now);
                ps.setObject(7, now);
                return ps.executeUpdate();
            }
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** An operator session's tie to the admin key: an HMAC under the key, so the table holds nothing of the key. */
    private byte[] proof(byte[] tokenHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(adminKey.orElseThrow(), "HmacSHA256"));
            return mac.doFinal(tokenHash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** 256 random bits, URL-safe (a cookie value and a form field need no escaping). */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
