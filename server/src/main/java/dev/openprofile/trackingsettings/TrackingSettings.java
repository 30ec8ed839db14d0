package dev.openprofile.trackingsettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.store.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Tracking Settings tag: one tracking setting per account, whose id is the account's id (its public key,
 * as get_accounts shows it). The kit's resources are rows made by creates; this one exists from the account's
 * first read, with Klaviyo's defaults, so it is served here rather than declared for the kit.
 */
public final class TrackingSettings {
    static final String TYPE = "tracking-setting";
    static final String PATH = "/api/tracking-settings";

    private final Jdbc jdbc;
    private final Clock clock;
    private final Links links;

    public TrackingSettings(Jdbc jdbc, Clock clock, Links links) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.links = links;
    }

    /** The account's setting: its public key and attributes. */
    record Setting(String id, ObjectNode attributes) {}

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("get_tracking_settings", r -> ApiResponse.ok(Resources.collection(
                        List.of(resource(jdbc.inTransaction(c -> read(c, r.accountId())), r)),
                        links.collection(r.path(), r.query().raw(), Optional.empty(), Optional.empty())))),
                Endpoint.of("get_tracking_setting", r -> ApiResponse.ok(Resources.single(resource(own(r, false), r)))),
                Endpoint.of("update_tracking_setting", r -> ApiResponse.ok(Resources.single(resource(own(r, true), r)))));
    }

    private ObjectNode resource(Setting s, ApiRequest r) {
        return Resources.resource(TYPE, s.id(), s.attributes(), r.query(), links.resource(PATH, s.id()));
    }

    /** The setting at the request's path, read or updated; another account's id is not found, as Klaviyo's is. */
    private Setting own(ApiRequest r, boolean update) {
        String id = r.pathParam("id");
        Map<String, JsonNode> changes = null;
        if (update) {
            JsonNode data = r.data();
            changes = readBody(data);
            String bodyId = data.get("id").asText();
            if (!bodyId.equals(id)) throw ApiError.idMismatch(bodyId, id);
        }
        Map<String, JsonNode> set = changes;
        return jdbc.inTransaction(c -> {
            Setting s = read(c, r.accountId());
            if (!s.id().equals(id)) {
                throw new ApiError(404, "not_found", "Not found.", "A " + TYPE + " with id '" + id + "' does not exist.",
                        ApiError.Source.parameter("id"), null);
            }
            if (set == null || set.isEmpty()) return s;
            set.forEach(s.attributes()::set);
            write(c, r.accountId(), s.attributes());
            return s;
        });
    }

    /** The JSON:API envelope of an update (type, id, attributes) and its attributes, each error at its pointer. */
    private static Map<String, JsonNode> readBody(JsonNode data) {
        if (!data.isObject()) throw ApiError.invalidPointer("/data", "'data' must be an object.");
        for (var it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("type", "id", "attributes").contains(key)) throw ApiError.invalidPointer("/data/" + key, "'" + key + "' is not allowed here.");
        }
        if (!data.path("type").asText().equals(TYPE) || !data.path("type").isTextual()) {
            throw ApiError.invalidPointer("/data/type", "'type' must be '" + TYPE + "'.");
        }
        if (!data.path("id").isTextual() || data.get("id").asText().isEmpty()) {
            throw ApiError.invalidPointer("/data/id", "'id' is required and must be a non-empty string.");
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) throw ApiError.invalidPointer("/data/attributes", "'attributes' must be an object.");
        return TrackingParams.read(attributes, "/data/attributes");
    }

    /** The account's setting, stored with Klaviyo's defaults when this is its first read. Locks the row. */
    private Setting read(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into tracking_setting (account_id, settings, updated) values (?, ?::jsonb, ?)
                on conflict (account_id) do nothing""")) {
            ps.setString(1, accountId);
            ps.setString(2, TrackingParams.defaults().toString());
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select a.public_key, t.settings from tracking_setting t join account a using (account_id)
                where t.account_id = ? for update of t""")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Setting(rs.getString(1), TrackingParams.inOrder(parse(rs.getString(2))));
            }
        }
    }

    private void write(Connection c, String accountId, ObjectNode attributes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update tracking_setting set settings = ?::jsonb, updated = ? where account_id = ?")) {
            ps.setString(1, attributes.toString());
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, accountId);
            ps.executeUpdate();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
