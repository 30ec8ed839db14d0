package dev.openprofile.backinstock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.CatalogVariants;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.TestServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * create_client_back_in_stock_subscription: stored with its profile, one per profile and variant; and the
 * subscriptions follow a profile merge and go with a profile deletion (profiles.ProfileData).
 */
class ClientBackInStockTest {
    static TestServer server;
    static Api api;
    static String path;
    static BackInStockService service;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        path = "/client/back-in-stock-subscriptions?company_id=" + server.publicKey("default");
        service = new BackInStockService(server.jdbc(), null, null, (account, variant) -> true, Clock.systemUTC(), () -> "unused");
        for (String sku : List.of("SKU-1", "SKU-2", "R", "A", "B", "G")) CatalogVariants.variant(server, sku);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Api.Response subscribe(String profileAttributes, String variant, String channels) {
        return server.clientApi().post("create_client_back_in_stock_subscription", path,
                "{\"data\":{\"type\":\"back-in-stock-subscription\",\"attributes\":{\"channels\":" + channels
                        + ",\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + profileAttributes + "}}},"
                        + "\"relationships\":{\"variant\":{\"data\":{\"type\":\"catalog-variant\",\"id\":\"" + variant + "\"}}}}}");
    }

    static String accountId() {
        return accountId(server);
    }

    /** The id of the default account of a test server. */
    static String accountId(TestServer server) {
        return server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select account_id from account where name = 'default'")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    static String profileId(String email) {
        return api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)").data().get(0).get("id").asText();
    }

    @Test
    void aSubscriptionIsStoredWithItsProfileOncePerVariant() {
        var r = subscribe("{\"email\":\"waiting@bis.example.com\"}", "$custom:::$default:::SKU-1", "[\"EMAIL\",\"SMS\",\"EMAIL\"]");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).isEmpty();
        String id = profileId("waiting@bis.example.com");
        var subs = service.ofProfile(accountId(), id);
        assertThat(subs).hasSize(1);
        assertThat(subs.get(0).variantId()).isEqualTo("$custom:::$default:::SKU-1");
        assertThat(subs.get(0).channels()).containsExactly(BackInStockSubscription.Channel.EMAIL, BackInStockSubscription.Channel.SMS);
        // The same variant again replaces the channels; another variant is a second subscription.
        subscribe("{\"email\":\"waiting@bis.example.com\"}", "$custom:::$default:::SKU-1", "[\"PUSH\"]");
        subscribe("{\"email\":\"waiting@bis.example.com\"}", "$custom:::$default:::SKU-2", "[\"EMAIL\"]");
        subs = service.ofProfile(accountId(), id);
        assertThat(subs).extracting(BackInStockSubscription::variantId)
                .containsExactly("$custom:::$default:::SKU-1", "$custom:::$default:::SKU-2");
        assertThat(subs.get(0).channels()).containsExactly(BackInStockSubscription.Channel.PUSH);
    }

    @Test
    void twoProfilesRacingForOnePhoneNumberBothGet202AndOneKeepsIt() throws Exception {
        for (int round = 0; round < 5; round++) {
            String a = "race-a-" + round + "@bis.example.com";
            String b = "race-b-" + round + "@bis.example.com";
            api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + a + "\"}}}");
            api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + b + "\"}}}");
            String phone = "+1415555" + String.format("%04d", 100 + round);
            var start = new java.util.concurrent.CountDownLatch(1);
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var first = pool.submit(() -> {
                    start.await();
                    return subscribe("{\"email\":\"" + a + "\",\"phone_number\":\"" + phone + "\"}", "$custom:::$default:::R", "[\"SMS\"]").status();
                });
                var second = pool.submit(() -> {
                    start.await();
                    return subscribe("{\"email\":\"" + b + "\",\"phone_number\":\"" + phone + "\"}", "$custom:::$default:::R", "[\"SMS\"]").status();
                });
                start.countDown();
                assertThat(first.get()).isEqualTo(202);
                assertThat(second.get()).isEqualTo(202);
            }
            assertThat(server.queryInt("select count(*) from profile where phone_number = '" + phone + "'")).isEqualTo(1);
            assertThat(server.queryInt("select count(*) from back_in_stock_subscription s join profile p "
                    + "on p.account_id = s.account_id and p.id = s.profile_id where p.email in ('" + a + "', '" + b + "')")).isEqualTo(2);
        }
    }

    @Test
    void badInputIsRejectedWithItsPointerAndStoresNothing() {
        var before = DatabaseChecksum.of(server.jdbc());
        String ok = "{\"email\":\"bad@bis.example.com\"}";
        assertRejected(subscribe(ok, "SKU-1", "[\"EMAIL\"]"), "/data/relationships/variant/data/id");
        assertRejected(subscribe(ok, "$custom:::$default:::", "[\"EMAIL\"]"), "/data/relationships/variant/data/id");
        assertRejected(subscribe(ok, "$custom:::$default:::SKU", "[]"), "/data/attributes/channels");
        assertRejected(subscribe(ok, "$custom:::$default:::SKU", "[\"EMAIL\",\"FAX\"]"), "/data/attributes/channels/1");
        assertRejected(subscribe(ok, "$custom:::$default:::SKU", "\"EMAIL\""), "/data/attributes/channels");
        assertRejected(subscribe("{\"first_name\":\"X\",\"email\":\"bad@bis.example.com\"}", "$custom:::$default:::SKU",
                "[\"EMAIL\"]"), "/data/attributes/profile/data/attributes/first_name");
        assertRejected(subscribe("{}", "$custom:::$default:::SKU", "[\"EMAIL\"]"), "/data/attributes/profile/data/attributes");
        assertRejected(subscribe("{\"email\":\"nope\"}", "$custom:::$default:::SKU", "[\"EMAIL\"]"),
                "/data/attributes/profile/data/attributes/email");
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void aMergeMovesTheSourcesSubscriptionsAndTheDestinationWins() {
        subscribe("{\"email\":\"source@bis.example.com\"}", "$custom:::$default:::A", "[\"SMS\"]");
        subscribe("{\"email\":\"source@bis.example.com\"}", "$custom:::$default:::B", "[\"SMS\"]");
        subscribe("{\"email\":\"destination@bis.example.com\"}", "$custom:::$default:::A", "[\"EMAIL\"]");
        String account = accountId();
        String source = profileId("source@bis.example.com");
        String destination = profileId("destination@bis.example.com");
        server.jdbc().inTransaction(c -> {
            service.merge(c, account, source, destination);
            return null;
        });
        assertThat(service.ofProfile(account, source)).isEmpty();
        var moved = service.ofProfile(account, destination);
        assertThat(moved).extracting(BackInStockSubscription::variantId)
                .containsExactlyInAnyOrder("$custom:::$default:::A", "$custom:::$default:::B");
        assertThat(moved).filteredOn(s -> s.variantId().endsWith(":::A")).singleElement()
                .extracting(BackInStockSubscription::channels).isEqualTo(List.of(BackInStockSubscription.Channel.EMAIL));
    }

    @Test
    void aDeletionTakesEverySubscriptionOfTheProfiles() {
        subscribe("{\"email\":\"gone@bis.example.com\"}", "$custom:::$default:::G", "[\"EMAIL\"]");
        subscribe("{\"email\":\"stays@bis.example.com\"}", "$custom:::$default:::G", "[\"EMAIL\"]");
        String account = accountId();
        String gone = profileId("gone@bis.example.com");
        server.jdbc().inTransaction(c -> {
            service.delete(c, account, List.of(gone));
            return null;
        });
        assertThat(service.ofProfile(account, gone)).isEmpty();
        assertThat(service.ofProfile(account, profileId("stays@bis.example.com"))).hasSize(1);
    }

    static void assertRejected(Api.Response r, String pointer) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("code").asText()).isEqualTo("invalid");
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }
}
