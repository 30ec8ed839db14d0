package dev.openprofile.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Datetime members of request bodies read by the one parser (issue 21): an event's {@code time} and a historical
 * import's {@code consented_at} take every form of Klaviyo's Datetimes guide; a malformed one is a 400 pointing at it
 * that lists the forms, and nothing is stored.
 */
class DatetimeBodiesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-08-01T00:00:00Z"));
    static TestServer server;
    /** The account the malformed events go to: it never gets one. */
    static Api refused;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        refused = server.newAccount("dt-bad").api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String event(String time, String email) {
        return "{\"data\":{\"type\":\"event\",\"attributes\":{\"properties\":{},\"time\":" + time + ","
                + "\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"Viewed\"}}},"
                + "\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\"}}}}}}";
    }

    @Test
    void anEventsTimeTakesEveryFormAndKeepsTheSecond() {
        Api api = server.newAccount("dt-events").api();
        String[][] forms = {
                {"2024-11-01", "2024-11-01T00:00:00+00:00"},
                {"2024-11-02T12:30:00", "2024-11-02T12:30:00+00:00"},
                {"2024-11-03 12:30:00Z", "2024-11-03T12:30:00+00:00"},
                {"2024-11-04T12:30:00.710", "2024-11-04T12:30:00+00:00"},
                {"2024-11-05T12:30:00+03:00", "2024-11-05T09:30:00+00:00"},
                {"2024-11-06t12:30:59.123456789z", "2024-11-06T12:30:59+00:00"},
                {"2024-11-07T12:30:00+0530", "2024-11-07T07:00:00+00:00"},
                {"2024-11-08 12:30", "2024-11-08T12:30:00+00:00"},
                {"2024-11-09T23:30:00-01:00", "2024-11-10T00:30:00+00:00"},
        };
        List<String> expected = new ArrayList<>();
        for (String[] form : forms) {
            Api.Response r = api.post("create_event", "/api/events", event("\"" + form[0] + "\"", "e@datetimes.example.com"));
            assertThat(r.status()).as(form[0] + ": " + r.text()).isEqualTo(202);
            expected.add(form[1]);
        }
        server.awaitJobs();
        List<String> got = new ArrayList<>();
        api.get("get_events", "/api/events?sort=datetime").data().forEach(e -> got.add(e.at("/attributes/datetime").asText()));
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"2024-11-01T25:00:00Z\"", "\"2024-02-30\"", "\"2024-11-01T12:30:00+3\"", "\"01/11/2024\"",
            "\"2024-11-01T12:30:00Z trailing\"", "\"2016-12-31T23:59:60Z\"", "1730000000", "true"})
    void aMalformedEventTimeIsA400AtItsPointer(String time) {
        Api.Response r = refused.post("create_event", "/api/events", event(time, "bad@datetimes.example.com"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("code").asText()).isEqualTo("invalid");
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/time");
        assertThat(r.error().get("detail").asText()).startsWith("'time' must be a datetime")
                .contains("2023-03-01 12:30:00.710").contains("'+03:00'");
        server.awaitJobs();
        assertThat(refused.get("get_events", "/api/events").data()).isEmpty();
    }

    static String subscribe(String consentedAt, String email) {
        return "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{\"historical_import\":true,"
                + "\"profiles\":{\"data\":[{\"type\":\"profile\",\"attributes\":{\"email\":\"" + email + "\",\"subscriptions\":"
                + "{\"email\":{\"marketing\":{\"consent\":\"SUBSCRIBED\",\"consented_at\":" + consentedAt + "}}}}}]}}}}";
    }

    @Test
    void consentedAtTakesKlaviyosFormsAndAMalformedOneIsA400AtItsPointer() {
        Api api = server.newAccount("dt-consent").api();
        String[][] forms = {
                {"2024-01-01", "2024-01-01T00:00:00+00:00"},
                {"2024-01-02 08:30:00", "2024-01-02T08:30:00+00:00"},
                {"2024-01-03T08:30:00-05:00", "2024-01-03T13:30:00+00:00"},
        };
        for (int i = 0; i < forms.length; i++) {
            Api.Response r = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                    subscribe("\"" + forms[i][0] + "\"", "c" + i + "@datetimes.example.com"));
            assertThat(r.status()).as(r.text()).isEqualTo(202);
        }
        server.awaitJobs();
        for (int i = 0; i < forms.length; i++) {
            var p = api.get("get_profiles", "/api/profiles?additional-fields%5Bprofile%5D=subscriptions&filter="
                    + "equals(email,%22c" + i + "@datetimes.example.com%22)").data().get(0);
            assertThat(p.at("/attributes/subscriptions/email/marketing/consent_timestamp").asText()).as(forms[i][0]).isEqualTo(forms[i][1]);
        }
        Api.Response bad = api.post("bulk_subscribe_profiles", "/api/profile-subscription-bulk-create-jobs",
                subscribe("\"2024-01-01T08:30:00 UTC\"", "bad@datetimes.example.com"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText())
                .isEqualTo("/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consented_at");
        assertThat(bad.error().get("detail").asText()).startsWith("'consented_at' must be a datetime, not '2024-01-01T08:30:00 UTC'");
        server.awaitJobs();
        assertThat(api.get("get_profiles", "/api/profiles?filter=equals(email,%22bad@datetimes.example.com%22)").data()).isEmpty();
    }

    /** The resource kit's datetime attributes (a coupon code's {@code expires_at}) read the same forms; a filter on them too. */
    @Test
    void aCouponCodesExpiryTakesKlaviyosFormsAndAMalformedOneIsA400AtItsPointer() {
        Api api = server.newAccount("dt-coupons").api();
        Api.Response coupon = api.post("create_coupon", "/api/coupons",
                "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"DT\"}}}");
        assertThat(coupon.status()).as(coupon.text()).isEqualTo(201);
        String[][] forms = {{"2027-01-01", "2027-01-01T00:00:00+00:00"}, {"2027-01-02 09:15:00", "2027-01-02T09:15:00+00:00"},
                {"2027-01-03T09:15:00+0100", "2027-01-03T08:15:00+00:00"}};
        for (int i = 0; i < forms.length; i++) {
            Api.Response r = api.post("create_coupon_code", "/api/coupon-codes", code("DT" + i, "\"" + forms[i][0] + "\""));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.data().at("/attributes/expires_at").asText()).isEqualTo(forms[i][1]);
        }
        Api.Response bad = api.post("create_coupon_code", "/api/coupon-codes", code("DTX", "\"2027-01-01T09:15:00 CET\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/expires_at");
        assertThat(bad.error().get("detail").asText()).startsWith("'expires_at' must be a datetime: a date (2023-03-01");
        assertThat(api.get("get_coupon_codes", "/api/coupon-codes?filter=" + DatetimeFiltersTest.q(
                "equals(coupon.id,\"DT\"),greater-than(expires_at,2027-01-01 12:00:00)")).data())
                .extracting(c -> c.at("/attributes/unique_code").asText()).containsExactlyInAnyOrder("DT1", "DT2");
    }

    /** A report's timeframe: the forms too, read as wall-clock times of the account (its offset dropped, as before). */
    @Test
    void aReportTimeframeTakesTheForms() {
        Api api = server.newAccount("dt-reports").api();
        Api.Response reference = segmentValues(api, "2025-01-01T00:00:00", "2025-02-01T00:00:00");
        assertThat(reference.status()).as(reference.text()).isEqualTo(200);
        for (String[] bounds : new String[][] {{"2025-01-01", "2025-02-01"}, {"2025-01-01 00:00:00", "2025-02-01 00:00"},
                {"2025-01-01T00:00:00+0300", "2025-02-01t00:00:00.000z"}}) {
            Api.Response r = segmentValues(api, bounds[0], bounds[1]);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.body().get("data").get("attributes")).isEqualTo(reference.body().get("data").get("attributes"));
        }
        Api.Response bad = segmentValues(api, "2025-01-01", "2025-02-01 25:00:00");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/timeframe/end");
        assertThat(bad.error().get("detail").asText()).startsWith("'2025-02-01 25:00:00' is not a date-time; use a date");
    }

    static Api.Response segmentValues(Api api, String start, String end) {
        return api.post("query_segment_values", "/api/segment-values-reports", "{\"data\":{\"type\":\"segment-values-report\","
                + "\"attributes\":{\"statistics\":[\"total_members\"],\"timeframe\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}}}}");
    }

    static String code(String code, String expiresAt) {
        return "{\"data\":{\"type\":\"coupon-code\",\"attributes\":{\"unique_code\":\"" + code + "\",\"expires_at\":" + expiresAt
                + "},\"relationships\":{\"coupon\":{\"data\":{\"type\":\"coupon\",\"id\":\"DT\"}}}}}";
    }
}
