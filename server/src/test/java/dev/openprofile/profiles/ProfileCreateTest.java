package dev.openprofile.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** create_profile and get_profile: the stored shape, duplicates and validation. */
class ProfileCreateTest {
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String body(String attributes) {
        return "{\"data\":{\"type\":\"profile\",\"attributes\":" + attributes + "}}";
    }

    private static int count() {
        return server.jdbc().read(c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from profile")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void createsAndReadsBackEveryAttribute() {
        var r = api.post("create_profile", "/api/profiles", body("""
                {"email":"sarah.mason@klaviyo-demo.com","phone_number":"+15005550006","external_id":"ext-1",
                 "first_name":"Sarah","last_name":"Mason","organization":"Example Corporation","locale":"en-US",
                 "title":"Regional Manager","image":"https://images.example.com/s.jpg",
                 "location":{"address1":"89 E 42nd St","city":"New York","country":"United States","latitude":"40.7128",
                             "longitude":74.006,"region":"NY","zip":"10017","timezone":"America/New_York","ip":"127.0.0.1"},
                 "properties":{"pseudonym":"Dr. Octopus","visits":3,"tags":["a","b"]}}"""));
        assertThat(r.status()).isEqualTo(201);
        var d = r.data();
        String id = d.get("id").asText();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(d.get("type").asText()).isEqualTo("profile");
        var a = d.get("attributes");
        assertThat(a.get("email").asText()).isEqualTo("sarah.mason@klaviyo-demo.com");
        assertThat(a.get("phone_number").asText()).isEqualTo("+15005550006");
        assertThat(a.get("external_id").asText()).isEqualTo("ext-1");
        assertThat(a.get("organization").asText()).isEqualTo("Example Corporation");
        assertThat(a.at("/location/city").asText()).isEqualTo("New York");
        assertThat(a.at("/location/longitude").asDouble()).isEqualTo(74.006);
        assertThat(a.at("/location/address2").isNull()).isTrue();
        assertThat(a.at("/properties/visits").asInt()).isEqualTo(3);
        assertThat(a.get("created").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00");
        assertThat(a.get("updated").asText()).isEqualTo(a.get("created").asText());
        assertThat(a.get("last_event_date").isNull()).isTrue();
        assertThat(a.has("subscriptions")).isFalse();
        assertThat(a.has("predictive_analytics")).isFalse();
        assertThat(d.at("/links/self").asText()).isEqualTo(server.baseUrl() + "/api/profiles/" + id + "/");
        assertThat(d.at("/relationships/lists/links/related").asText()).isEqualTo(server.baseUrl() + "/api/profiles/" + id + "/lists/");
        assertThat(d.at("/relationships/segments/links/self").asText())
                .isEqualTo(server.baseUrl() + "/api/profiles/" + id + "/relationships/segments/");

        var got = api.get("get_profile", "/api/profiles/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.data()).isEqualTo(d);
    }

    @Test
    void additionalFieldsAppearOnlyWhenRequested() {
        var r = api.post("create_profile", "/api/profiles?additional-fields%5Bprofile%5D=subscriptions,predictive_analytics",
                body("{\"email\":\"additional@example.com\"}"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.data().at("/attributes").has("subscriptions")).isTrue();
        // A new profile: every channel never subscribed; email marketing reachable (implicit consent).
        assertThat(r.data().at("/attributes/subscriptions/email/marketing/consent").asText()).isEqualTo("NEVER_SUBSCRIBED");
        assertThat(r.data().at("/attributes/subscriptions/email/marketing/can_receive_email_marketing").asBoolean()).isTrue();
        assertThat(r.data().at("/attributes/subscriptions/sms/marketing/can_receive_sms_marketing").asBoolean()).isFalse();
        assertThat(r.data().at("/attributes/predictive_analytics").isNull()).isTrue();
    }

    @Test
    void sparseFieldsetsTrimAttributesDownToDottedSubFields() {
        String id = api.post("create_profile", "/api/profiles",
                body("{\"email\":\"sparse@example.com\",\"first_name\":\"Ann\",\"location\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}"))
                .data().get("id").asText();
        var r = api.get("get_profile", "/api/profiles/" + id + "?fields%5Bprofile%5D=email,location.city");
        var a = r.data().get("attributes");
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.get("email").asText()).isEqualTo("sparse@example.com");
        assertThat(a.get("location").size()).isEqualTo(1);
        assertThat(a.at("/location/city").asText()).isEqualTo("Oslo");
        // links and relationships stay whole (semantics §7).
        assertThat(r.data().at("/links/self").asText()).endsWith("/api/profiles/" + id + "/");
        assertThat(r.data().get("relationships").has("lists")).isTrue();
    }

    @Test
    void duplicateIdentifierIs409WithTheExistingId() {
        String id = api.post("create_profile", "/api/profiles",
                body("{\"email\":\"dup@example.com\",\"external_id\":\"ext-dup\"}")).data().get("id").asText();
        int before = count();
        for (String attrs : new String[] {"{\"email\":\"dup@example.com\"}", "{\"email\":\"DUP@Example.com\"}",
                "{\"email\":\"new@example.com\",\"external_id\":\"ext-dup\"}"}) {
            var r = api.post("create_profile", "/api/profiles", body(attrs));
            assertThat(r.status()).as(attrs).isEqualTo(409);
            var e = r.error();
            assertThat(e.get("code").asText()).isEqualTo("duplicate_profile");
            assertThat(e.get("title").asText()).isEqualTo("Conflict.");
            assertThat(e.at("/meta/duplicate_profile_id").asText()).isEqualTo(id);
            assertThat(e.at("/source/pointer").asText()).isEqualTo("/data/attributes");
            assertThat(count()).isEqualTo(before);
        }
    }

    @Test
    void validationErrorsPointAtTheFieldAndStoreNothing() {
        int before = count();
        String[][] cases = {
                {"{\"first_name\":\"No Identifier\"}", "/data/attributes"},
                {"{\"email\":\"not-an-email\"}", "/data/attributes/email"},
                {"{\"email\":\"" + "a".repeat(95) + "@x.com\"}", "/data/attributes/email"},
                {"{\"phone_number\":\"5005550006\"}", "/data/attributes/phone_number"},
                {"{\"phone_number\":\"+1 (500) 555-0006\"}", "/data/attributes/phone_number"},
                {"{\"phone_number\":\"+999123\"}", "/data/attributes/phone_number"},
                {"{\"phone_number\":\"+447700900123\"}", "/data/attributes/phone_number"},
                {"{\"email\":\"ok@example.com\",\"first_name\":5}", "/data/attributes/first_name"},
                {"{\"email\":\"ok@example.com\",\"shoe_size\":\"9\"}", "/data/attributes/shoe_size"},
                {"{\"email\":\"ok@example.com\",\"_kx\":\"abc\"}", "/data/attributes/_kx"},
                {"{\"email\":\"ok@example.com\",\"properties\":[1]}", "/data/attributes/properties"},
                {"{\"email\":\"ok@example.com\",\"location\":{\"planet\":\"Mars\"}}", "/data/attributes/location/planet"},
        };
        for (String[] c : cases) {
            var r = api.post("create_profile", "/api/profiles", body(c[0]));
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().get("code").asText()).isEqualTo("invalid");
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        var wrongType = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"list\",\"attributes\":{\"email\":\"t@example.com\"}}}");
        assertThat(wrongType.error().at("/source/pointer").asText()).isEqualTo("/data/type");
        var noData = api.post("create_profile", "/api/profiles", "{\"type\":\"profile\"}");
        assertThat(noData.error().at("/source/pointer").asText()).isEqualTo("/data");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void unknownProfileIs404() {
        var r = api.get("get_profile", "/api/profiles/01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error().get("code").asText()).isEqualTo("not_found");
        assertThat(r.error().at("/source/parameter").asText()).isEqualTo("id");
    }

    @Test
    void includeAnswersAnEmptyIncludedUntilListsExist() {
        String id = api.post("create_profile", "/api/profiles", body("{\"email\":\"include@example.com\"}")).data().get("id").asText();
        var r = api.get("get_profile", "/api/profiles/" + id + "?include=lists");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("included").isArray()).isTrue();
        assertThat(r.body().get("included")).isEmpty();
    }
}
