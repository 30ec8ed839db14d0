package dev.openprofile.clientconfig;

import dev.openprofile.jsonapi.Cursor;
import dev.openprofile.store.Jdbc;
import dev.openprofile.store.Paging;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads and replaces an account's geofences and IP allow list. */
public final class ClientConfigService {
    private final Jdbc jdbc;
    private final ClientConfigStore store = new ClientConfigStore();
    private final Clock clock;

    public ClientConfigService(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One page of the account's geofences, nearest the point first when one is given. */
    Paging.Page<ClientConfigStore.Row> geofences(String accountId, Double lat, Double lng, Optional<Cursor> cursor, int size) {
        List<ClientConfigStore.Row> rows = jdbc.read(c -> store.geofences(c, accountId, lat, lng, Paging.position(cursor), size + 1));
        return Paging.page(rows, size, cursor, "", r -> new String[] {r.sortKey(), r.geofence().id()});
    }

    List<Geofence> allGeofences(String accountId) {
        return jdbc.read(c -> store.allGeofences(c, accountId));
    }

    void replaceGeofences(String accountId, List<Geofence> geofences) {
        jdbc.inTransaction(c -> {
            store.replaceGeofences(c, accountId, geofences);
            return null;
        });
    }

    Optional<IpAllowlist> ipAllowlist(String accountId) {
        return jdbc.read(c -> store.ipAllowlist(c, accountId));
    }

    /** Sets the prefixes; the token and the time move only when the set of prefixes changes. */
    IpAllowlist putIpAllowlist(String accountId, List<String> prefixes) {
        List<String> sorted = prefixes.stream().distinct().sorted().toList();
        String token = syncToken(sorted);
        return jdbc.inTransaction(c -> {
            Optional<IpAllowlist> current = store.ipAllowlist(c, accountId);
            if (current.isPresent() && current.get().syncToken().equals(token)) return current.get();
            IpAllowlist next = new IpAllowlist(sorted, token,
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
            store.putIpAllowlist(c, accountId, next);
            return next;
        });
    }

    boolean deleteIpAllowlist(String accountId) {
        return jdbc.inTransaction(c -> store.deleteIpAllowlist(c, accountId));
    }

    /** "Opaque change token derived from prefixes" (spec): a hash of the sorted set. */
    private static String syncToken(List<String> sorted) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join(",", sorted).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
