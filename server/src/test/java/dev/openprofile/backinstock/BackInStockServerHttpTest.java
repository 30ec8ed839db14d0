package dev.openprofile.backinstock;

import static dev.openprofile.backinstock.ClientBackInStockTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.profiles.ProfileChanges;
import dev.openprofile.profiles.ProfileInput;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.CatalogVariants;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * create_back_in_stock_subscription (a private key): stored with its profile's upsert (the server-side rules) and
 * the "Subscribed to Back in Stock" event, as the client operation now also records; bad input answers a pointer
 * and stores nothing; a variant the catalog does not hold is refused.
 */
class BackInStockServerHttpTest {
    static final String PATH = "/api/back-in-stock-subscriptions";
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        for (String sku : List.of("SKU-S", "SKU-C", "SKU-B", "DEL-1", "DEL-2")) CatalogVariants.variant(server, sku);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String body(String profile, String variant, String channels) {
        return "{\"data\":{\"type\":\"back-in-stock-subscription\",\"attributes\":{\"channels\":" + channels
                + (profile == null ? "" : ",\"profile\":" + profile) + "},"
                + "\"relationships\":{\"variant\":{\"data\":{\"type\":\"catalog-variant\",\"id\":\"" + variant + "\"}}}}}";
    }

    static String profile(String attributes) {
        return "{\"data\":{\"type\":\"profile\",\"attributes\":" + attributes + "}}";
    }

    static Api.Response subscribe(String profileAttributes, String variant, String channels) {
        return api.post("create_back_in_stock_subscription", PATH, body(profile(profileAttributes), variant, channels));
    }

    /** The service on the test server's database, with no profiles or events (what it reads and checks needs none). */
    static BackInStockService service(VariantLookup variants) {
        return new BackInStockService(server.jdbc(), null, null, variants, Clock.systemUTC(), () -> "unused");
    }

    static String profileId(String email) {
        return api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data().get(0).get("id").asText();
    }

    static JsonNode eventsOf(String profileId) {
        return api.get("get_events", "/api/events?filter=equals(profile_id,%22" + profileId + "%22)&include=metric").body();
    }

    static List<BackInStockSubscription> subscriptionsOf(String profileId) {
        return service((a, v) -> true).ofProfile(ClientBackInStockTest.accountId(server), profileId);
    }

    @Test
    void aSubscriptionIsStoredWithItsProfileAndTheSubscribedToBackInStockEvent() {
        var r = subscribe("{\"email\":\"server@bis.example.com\",\"external_id\":\"bis-server-1\"}",
                "$custom:::$default:::SKU-S", "[\"EMAIL\",\"SMS\"]");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        String id = profileId("server@bis.example.com");
        JsonNode profile = api.get("get_profile", "/api/profiles/" + id).data();
        assertThat(profile.at("/attributes/external_id").asText()).isEqualTo("bis-server-1");
        assertThat(subscriptionsOf(id)).singleElement().satisfies(s -> {
            assertThat(s.variantId()).isEqualTo("$custom:::$default:::SKU-S");
            assertThat(s.channels()).containsExactly(BackInStockSubscription.Channel.EMAIL, BackInStockSubscription.Channel.SMS);
        });
        JsonNode events = eventsOf(id);
        assertThat(events.get("data")).hasSize(1);
        JsonNode e = events.get("data").get(0).get("attributes");
        assertThat(e.at("/event_properties/variant_id").asText()).isEqualTo("$custom:::$default:::SKU-S");
        assertThat(e.at("/event_properties/channels").toString()).isEqualTo("[\"EMAIL\",\"SMS\"]");
        JsonNode metric = events.get("included").get(0).get("attributes");
        assertThat(metric.get("name").asText()).isEqualTo("Subscribed to Back in Stock");
        assertThat(metric.at("/integration/name").asText()).isEqualTo("Klaviyo");
        assertThat(metric.at("/integration/category").asText()).isEqualTo("Internal");
        // A second request for the variant replaces the channels and is a second event, as a second signup is.
        assertThat(subscribe("{\"email\":\"server@bis.example.com\"}", "$custom:::$default:::SKU-S", "[\"PUSH\"]").status())
                .isEqualTo(202);
        assertThat(subscriptionsOf(id)).singleElement().extracting(BackInStockSubscription::channels)
                .isEqualTo(List.of(BackInStockSubscription.Channel.PUSH));
        assertThat(eventsOf(id).get("data")).hasSize(2);
    }

    @Test
    void theProfileIsUpsertedByTheServerSideRulesWhereTheClientKeepsIdentifiers() {
        api.post("create_profile", "/api/profiles", profile("{\"email\":\"holder-a@bis.example.com\"}"));
        api.post("create_profile", "/api/profiles", profile("{\"email\":\"holder-b@bis.example.com\",\"phone_number\":\"+14155550199\"}"));
        // A private key: the phone number another profile holds is a 409 naming it, as create_or_update_profile answers.
        var before = DatabaseChecksum.of(server.jdbc());
        var r = subscribe("{\"email\":\"holder-a@bis.example.com\",\"phone_number\":\"+14155550199\"}",
                "$custom:::$default:::SKU-C", "[\"SMS\"]");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("code").asText()).isEqualTo("duplicate_profile");
        assertThat(r.error().at("/meta/duplicate_profile_id").asText()).isEqualTo(profileId("holder-b@bis.example.com"));
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
        // The same through /client: the identifier another profile holds is ignored and the subscription stored.
        var client = server.clientApi().post("create_client_back_in_stock_subscription",
                "/client/back-in-stock-subscriptions?company_id=" + server.publicKey("default"),
                body(profile("{\"email\":\"holder-a@bis.example.com\",\"phone_number\":\"+14155550199\"}"),
                        "$custom:::$default:::SKU-C", "[\"SMS\"]"));
        assertThat(client.status()).isEqualTo(202);
        String a = profileId("holder-a@bis.example.com");
        assertThat(subscriptionsOf(a)).extracting(BackInStockSubscription::variantId).containsExactly("$custom:::$default:::SKU-C");
        assertThat(api.get("get_profile", "/api/profiles/" + a).data().at("/attributes/phone_number").isNull()).isTrue();
    }

    @Test
    void theClientOperationRecordsTheEventToo() {
        var r = server.clientApi().post("create_client_back_in_stock_subscription",
                "/client/back-in-stock-subscriptions?company_id=" + server.publicKey("default"),
                body(profile("{\"email\":\"browser@bis.example.com\"}"), "$custom:::$default:::SKU-B", "[\"WHATSAPP\"]"));
        assertThat(r.status()).isEqualTo(202);
        JsonNode events = eventsOf(profileId("browser@bis.example.com"));
        assertThat(events.get("data")).hasSize(1);
        assertThat(events.at("/data/0/attributes/event_properties/variant_id").asText()).isEqualTo("$custom:::$default:::SKU-B");
        assertThat(events.at("/data/0/attributes/event_properties/channels/0").asText()).isEqualTo("WHATSAPP");
        assertThat(events.at("/included/0/attributes/name").asText()).isEqualTo("Subscribed to Back in Stock");
    }

    @Test
    void badInputIsRejectedWithItsPointerAndStoresNothing() {
        var before = DatabaseChecksum.of(server.jdbc());
        String ok = "{\"email\":\"bad@bis.example.com\"}";
        String variant = "$custom:::$default:::SKU-X";
        assertRejected(subscribe(ok, variant, "[\"EMAIL\",\"FAX\"]"), "/data/attributes/channels/1");
        assertRejected(subscribe(ok, variant, "[]"), "/data/attributes/channels");
        assertRejected(subscribe(ok, "SKU-X", "[\"EMAIL\"]"), "/data/relationships/variant/data/id");
        assertRejected(subscribe("{}", variant, "[\"EMAIL\"]"), "/data/attributes/profile/data/attributes");
        assertRejected(subscribe("{\"email\":\"nope\"}", variant, "[\"EMAIL\"]"), "/data/attributes/profile/data/attributes/email");
        assertRejected(subscribe("{\"first_name\":\"X\",\"email\":\"bad@bis.example.com\"}", variant, "[\"EMAIL\"]"),
                "/data/attributes/profile/data/attributes/first_name");
        // The spec lets the server body leave the profile out (or null); then nobody is subscribed, so it is refused.
        assertRejected(api.post("create_back_in_stock_subscription", PATH, body(null, variant, "[\"EMAIL\"]")),
                "/data/attributes/profile");
        assertRejected(api.post("create_back_in_stock_subscription", PATH, body("null", variant, "[\"EMAIL\"]")),
                "/data/attributes/profile");
        assertRejected(api.post("create_back_in_stock_subscription", PATH,
                body(profile(ok), variant, "[\"EMAIL\"]").replace("\"back-in-stock-subscription\"", "\"subscription\"")), "/data/type");
        assertRejected(api.post("create_back_in_stock_subscription", PATH,
                body(profile(ok), variant, "[\"EMAIL\"]").replace("\"catalog-variant\"", "\"catalog-item\"")),
                "/data/relationships/variant/data/type");
        assertRejected(api.post("create_back_in_stock_subscription", PATH,
                body(profile(ok), variant, "[\"EMAIL\"]").replace("\"type\":\"profile\"", "\"type\":\"person\"")),
                "/data/attributes/profile/data/type");
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void bothScopesAreNeeded() {
        String catalogsOnly = server.createKey("default", Set.of("catalogs:write"));
        var before = DatabaseChecksum.of(server.jdbc());
        var r = server.api(catalogsOnly).post("create_back_in_stock_subscription", PATH,
                body(profile("{\"email\":\"scoped@bis.example.com\"}"), "$custom:::$default:::SKU-1", "[\"EMAIL\"]"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void aVariantTheCatalogDoesNotHoldIsRefusedAtTheVariantsIdAndStoresNothing() throws Exception {
        BackInStockService service = service((account, variantId) -> !variantId.endsWith("GONE"));
        var before = DatabaseChecksum.of(server.jdbc());
        ProfileChanges someone = ProfileInput.parseUpsert(
                Json.MAPPER.readTree("{\"type\":\"profile\",\"attributes\":{\"email\":\"gone@bis.example.com\"}}"), "/data");
        assertThatThrownBy(() -> service.subscribe(ClientBackInStockTest.accountId(server), someone, "$custom:::$default:::GONE",
                List.of(BackInStockSubscription.Channel.EMAIL)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.source().pointer()).isEqualTo("/data/relationships/variant/data/id");
                    assertThat(e.detail()).contains("$custom:::$default:::GONE").contains("does not exist");
                });
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void deletingVariantsTakesTheirSubscriptionsOnly() {
        subscribe("{\"email\":\"deleted-variant@bis.example.com\"}", "$custom:::$default:::DEL-1", "[\"EMAIL\"]");
        subscribe("{\"email\":\"deleted-variant@bis.example.com\"}", "$custom:::$default:::DEL-2", "[\"EMAIL\"]");
        String id = profileId("deleted-variant@bis.example.com");
        server.jdbc().inTransaction(c -> {
            service((a, v) -> true).variantsDeleted(c, ClientBackInStockTest.accountId(server), List.of("$custom:::$default:::DEL-1"));
            return null;
        });
        assertThat(subscriptionsOf(id)).extracting(BackInStockSubscription::variantId).containsExactly("$custom:::$default:::DEL-2");
        // The events stay: they are what happened.
        assertThat(eventsOf(id).get("data")).hasSize(2);
    }

    @Test
    void overHttpAVariantTheCatalogLacksIsA404AtItsPointer() throws Exception {
        var before = DatabaseChecksum.of(server.jdbc());
        var r = subscribe("{\"email\":\"nowhere@bis.example.com\"}", "$custom:::$default:::NEVER-MADE", "[\"EMAIL\"]");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/variant/data/id");
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void deletingACatalogVariantOrItsItemThroughTheApiTakesTheSubscriptions() {
        String kept = dev.openprofile.testing.CatalogVariants.variant(server, "CAT-DEL-KEPT");
        String doomed = dev.openprofile.testing.CatalogVariants.variant(server, "CAT-DEL-VARIANT");
        String viaItem = dev.openprofile.testing.CatalogVariants.variant(server, "CAT-DEL-ITEM");
        for (String v : List.of(kept, doomed, viaItem)) {
            assertThat(subscribe("{\"email\":\"catalog-delete@bis.example.com\"}", v, "[\"EMAIL\"]").status()).isEqualTo(202);
        }
        String id = profileId("catalog-delete@bis.example.com");
        assertThat(api.delete("delete_catalog_variant", "/api/catalog-variants/" + doomed, null).status()).isEqualTo(204);
        assertThat(api.delete("delete_catalog_item", "/api/catalog-items/$custom:::$default:::CAT-DEL-ITEM-item", null).status())
                .isEqualTo(204);
        assertThat(subscriptionsOf(id)).extracting(BackInStockSubscription::variantId).containsExactly(kept);
    }
}
