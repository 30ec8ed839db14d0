package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Klaviyo's SMS age-gating (docs/compatibility.md, "Consent"): off by default, where {@code age_gated_date_of_birth}
 * is only checked for form; on an age-gated account, SMS consent needs a date of birth of at least the phone's
 * country's minimum age (21 in the US, 16 in Switzerland, 18 elsewhere), none in the countries without age-gating;
 * email is not gated; a refused request subscribes nobody.
 */
class SmsAgeGateTest {
    /** The server's day: ages are counted to it (after the revision's date, which the server must know). */
    static final Instant TODAY = Instant.parse("2026-09-15T12:00:00Z");
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new MutableClock(TODAY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String profile(String email, String phone, String dateOfBirth, boolean sms) {
        String subscriptions = sms ? "\"sms\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}" : "\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\"}}";
        return "{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"phone_number\":\"" + phone + "\""
                + (dateOfBirth == null ? "" : ",\"age_gated_date_of_birth\":\"" + dateOfBirth + "\"")
                + ",\"subscriptions\":{" + subscriptions + "}}}";
    }

    static Api.Response subscribe(Api api, String... profiles) {
        return api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"profiles\":{\"data\":["
                        + String.join(",", profiles) + "]}}}}");
    }

    static String smsConsent(Api api, String email) {
        JsonNode data = api.get("get_profiles", "/api/profiles?filter=equals(email,%22" + email + "%22)&"
                + ConsentApiTestSupport.SUBS).data();
        return data.isEmpty() ? null : data.get(0).at("/attributes/subscriptions/sms/marketing/consent").asText();
    }

    static Api ageGated(String account, boolean on) throws Exception {
        Api api = server.api(server.createKey(account, java.util.Set.of("*")));
        var r = AdminApi.send(server, "PATCH", "/admin/accounts/" + account, "{\"sms_age_gate\":" + on + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(r.body()).get("sms_age_gate").asBoolean()).isEqualTo(on);
        return api;
    }

    @Test
    void anAccountIsNotAgeGatedUntilTheOperatorSaysSo() throws Exception {
        Api api = server.api(server.createKey("gate-off", java.util.Set.of("*")));
        var shown = AdminApi.send(server, "GET", "/admin/accounts/gate-off", null);
        assertThat(Json.MAPPER.readTree(shown.body()).get("sms_age_gate").asBoolean()).isFalse();
        assertThat(subscribe(api, profile("young@off.gate.example.com", "+12025550101", "2010-01-01", true)).status()).isEqualTo(202);
        assertThat(subscribe(api, profile("nodob@off.gate.example.com", "+12025550102", null, true)).status()).isEqualTo(202);
        ConsentApiTestSupport.awaitJobs(server);
        assertThat(smsConsent(api, "young@off.gate.example.com")).isEqualTo("SUBSCRIBED");
        assertThat(smsConsent(api, "nodob@off.gate.example.com")).isEqualTo("SUBSCRIBED");
    }

    @Test
    void aDateOfBirthMustBeADateInThePastOnEveryAccount() throws Exception {
        Api api = server.api(server.createKey("gate-format", java.util.Set.of("*")));
        for (String bad : new String[] {"15/06/1990", "1990-02-30", "2027-01-01"}) {
            var r = subscribe(api, profile("format@gate.example.com", "+12025550103", bad, true));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data/0/attributes/age_gated_date_of_birth");
        }
        assertThat(smsConsent(api, "format@gate.example.com")).isNull();
    }

    @Test
    void onAnAgeGatedAccountSmsNeedsTheCountrysMinimumAge() throws Exception {
        Api api = ageGated("gate-on", true);
        // US: 21. Born 2005-09-15 turns 21 today; a day later is still 20.
        assertThat(subscribe(api, profile("us21@gate.example.com", "+12025550104", "2005-09-15", true)).status()).isEqualTo(202);
        var young = subscribe(api, profile("us20@gate.example.com", "+12025550105", "2005-09-16", true));
        assertThat(young.status()).isEqualTo(400);
        assertThat(young.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data/0/attributes/age_gated_date_of_birth");
        assertThat(young.error().get("detail").asText()).contains("under 21").contains("US");
        // Switzerland: 16; the UK: 18.
        assertThat(subscribe(api, profile("ch16@gate.example.com", "+41446681800", "2010-09-15", true)).status()).isEqualTo(202);
        assertThat(subscribe(api, profile("gb17@gate.example.com", "+447911123456", "2009-01-01", true)).status()).isEqualTo(400);
        // No date of birth: refused; a country without age-gating (Canada): refused at the phone number.
        var missing = subscribe(api, profile("nodob@gate.example.com", "+12025550106", null, true));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().get("detail").asText()).contains("required");
        var canada = subscribe(api, profile("ca@gate.example.com", "+16135550107", "1980-01-01", true));
        assertThat(canada.status()).isEqualTo(400);
        assertThat(canada.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data/0/attributes/phone_number");
        // Email is not gated; one refused profile refuses the whole request.
        assertThat(subscribe(api, profile("email-only@gate.example.com", "+12025550108", null, false)).status()).isEqualTo(202);
        var mixed = subscribe(api, profile("ok@mixed.gate.example.com", "+12025550109", "1990-01-01", true),
                profile("bad@mixed.gate.example.com", "+12025550110", "2012-01-01", true));
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/profiles/data/1/attributes/age_gated_date_of_birth");
        ConsentApiTestSupport.awaitJobs(server);
        assertThat(smsConsent(api, "us21@gate.example.com")).isEqualTo("SUBSCRIBED");
        assertThat(smsConsent(api, "ch16@gate.example.com")).isEqualTo("SUBSCRIBED");
        for (String refused : new String[] {"us20", "gb17", "nodob", "ca"}) assertThat(smsConsent(api, refused + "@gate.example.com")).isNull();
        assertThat(smsConsent(api, "ok@mixed.gate.example.com")).isNull();
        assertThat(smsConsent(api, "email-only@gate.example.com")).isEqualTo("NEVER_SUBSCRIBED");

        ageGated("gate-on", false);
        assertThat(subscribe(api, profile("us20@gate.example.com", "+12025550105", "2005-09-16", true)).status()).isEqualTo(202);
    }

    @Test
    void theSettingIsABoolean() throws Exception {
        server.createKey("gate-bad", java.util.Set.of("*"));
        var r = AdminApi.send(server, "PATCH", "/admin/accounts/gate-bad", "{\"sms_age_gate\":\"yes\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).at("/errors/0/source/pointer").asText()).isEqualTo("/sms_age_gate");
    }
}
