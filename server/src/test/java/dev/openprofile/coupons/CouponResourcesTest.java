package dev.openprofile.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Coupons and coupon codes through the resource kit: ids, defaults, validation, filters, relationships, deletes. */
class CouponResourcesTest {
    static final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    static TestServer server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode createCoupon(String externalId) {
        var r = api.post("create_coupon", "/api/coupons", "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\""
                + externalId + "\",\"description\":\"10% off\",\"monitor_configuration\":{\"low_balance_threshold\":500}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.data();
    }

    static String codeBody(String couponId, String code, String extra) {
        return "{\"data\":{\"type\":\"coupon-code\",\"attributes\":{\"unique_code\":\"" + code + "\"" + extra + "},"
                + "\"relationships\":{\"coupon\":{\"data\":{\"type\":\"coupon\",\"id\":\"" + couponId + "\"}}}}}";
    }

    static JsonNode createCode(String couponId, String code, String extra) {
        var r = api.post("create_coupon_code", "/api/coupon-codes", codeBody(couponId, code, extra));
        assertThat(r.status()).as(r.text()).isEqualTo(200);   // the spec's only success status for it
        return r.data();
    }

    static List<String> ids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    @Test
    void aCouponsIdIsItsExternalIdAndItShowsItsAttributes() {
        JsonNode coupon = createCoupon("10OFF");
        assertThat(coupon.get("id").asText()).isEqualTo("10OFF");
        assertThat(coupon.at("/attributes/external_id").asText()).isEqualTo("10OFF");
        assertThat(coupon.at("/attributes/description").asText()).isEqualTo("10% off");
        assertThat(coupon.at("/attributes/monitor_configuration/low_balance_threshold").asInt()).isEqualTo(500);
        assertThat(coupon.has("relationships")).isFalse();
        assertThat(api.get("get_coupon", "/api/coupons/10OFF").data()).isEqualTo(coupon);
        assertThat(ids(api.get("get_coupons", "/api/coupons").data())).contains("10OFF");

        var again = api.post("create_coupon", "/api/coupons", "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"10OFF\"}}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/external_id");
        assertThat(again.error().at("/meta/duplicate_id").asText()).isEqualTo("10OFF");
    }

    @Test
    void couponValidationPointsAtTheMemberAndStoresNothing() {
        String[][] cases = {
                {"{\"data\":{\"type\":\"coupon\",\"attributes\":{\"description\":\"d\"}}}", "/data/attributes/external_id"},
                {"{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"\"}}}", "/data/attributes/external_id"},
                {"{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"BAD\",\"monitor_configuration\":5}}}",
                        "/data/attributes/monitor_configuration"},
                {"{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"BAD\",\"nope\":1}}}", "/data/attributes/nope"},
                {"{\"data\":{\"type\":\"coupon-code\",\"attributes\":{\"external_id\":\"BAD\"}}}", "/data/type"}};
        for (String[] c : cases) {
            var r = api.post("create_coupon", "/api/coupons", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("get_coupon", "/api/coupons/BAD").status()).isEqualTo(404);
    }

    @Test
    void aCouponUpdatesItsDescriptionButNotItsExternalId() {
        createCoupon("UPD");
        var r = api.patch("update_coupon", "/api/coupons/UPD",
                "{\"data\":{\"type\":\"coupon\",\"id\":\"UPD\",\"attributes\":{\"description\":null,\"monitor_configuration\":{\"low_balance_threshold\":9}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().at("/attributes/description").isNull()).isTrue();
        assertThat(r.data().at("/attributes/monitor_configuration/low_balance_threshold").asInt()).isEqualTo(9);
        var immutable = api.patch("update_coupon", "/api/coupons/UPD",
                "{\"data\":{\"type\":\"coupon\",\"id\":\"UPD\",\"attributes\":{\"external_id\":\"OTHER\"}}}");
        assertThat(immutable.status()).isEqualTo(400);
        assertThat(immutable.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/external_id");
        var missing = api.patch("update_coupon", "/api/coupons/NOPE",
                "{\"data\":{\"type\":\"coupon\",\"id\":\"NOPE\",\"attributes\":{\"description\":\"x\"}}}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.get("get_coupon", "/api/coupons/UPD").data().at("/attributes/monitor_configuration/low_balance_threshold").asInt())
                .isEqualTo(9);
    }

    @Test
    void aCodeIsIdentifiedByItsCouponAndCodeStartsUnassignedAndExpiresInAYear() {
        createCoupon("SPRING");
        JsonNode code = createCode("SPRING", "ABC123", "");
        assertThat(code.get("id").asText()).isEqualTo("SPRING-ABC123");
        assertThat(code.at("/attributes/unique_code").asText()).isEqualTo("ABC123");
        assertThat(code.at("/attributes/status").asText()).isEqualTo("UNASSIGNED");
        assertThat(code.at("/attributes/expires_at").asText()).isEqualTo("2027-10-01T12:00:00+00:00");
        assertThat(code.at("/relationships/coupon/data/id").asText()).isEqualTo("SPRING");
        assertThat(code.at("/relationships/profile").has("data")).isFalse();
        assertThat(api.get("get_coupon_code", "/api/coupon-codes/SPRING-ABC123").data()).isEqualTo(code);

        JsonNode dated = createCode("SPRING", "DATED", ",\"expires_at\":\"2026-12-31T00:00:00Z\"");
        assertThat(dated.at("/attributes/expires_at").asText()).isEqualTo("2026-12-31T00:00:00+00:00");
        JsonNode nulled = createCode("SPRING", "NULLED", ",\"expires_at\":null");
        assertThat(nulled.at("/attributes/expires_at").asText()).isEqualTo("2027-10-01T12:00:00+00:00");

        var twice = api.post("create_coupon_code", "/api/coupon-codes", codeBody("SPRING", "ABC123", ""));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/unique_code");
        assertThat(twice.error().at("/meta/duplicate_id").asText()).isEqualTo("SPRING-ABC123");
        // The same code in another coupon is another code.
        createCoupon("SUMMER");
        assertThat(createCode("SUMMER", "ABC123", "").get("id").asText()).isEqualTo("SUMMER-ABC123");
    }

    @Test
    void codeValidationPointsAtTheMemberAndStoresNothing() {
        createCoupon("VALID");
        String noCoupon = "{\"data\":{\"type\":\"coupon-code\",\"attributes\":{\"unique_code\":\"X1\"}}}";
        String[][] cases = {
                {noCoupon, "/data/relationships"}, // the missing member itself (issue 21)
                {codeBody("VALID", "X1", ",\"status\":\"USED\""), "/data/attributes/status"},
                {codeBody("VALID", "X1", ",\"expires_at\":\"soon\""), "/data/attributes/expires_at"},
                {codeBody("NO-SUCH-COUPON", "X1", ""), "/data/relationships/coupon/data/id"},
                {"{\"data\":{\"type\":\"coupon-code\",\"attributes\":{},\"relationships\":{\"coupon\":{\"data\":{\"type\":\"coupon\",\"id\":\"VALID\"}}}}}",
                        "/data/attributes/unique_code"}};
        for (String[] c : cases) {
            var r = api.post("create_coupon_code", "/api/coupon-codes", c[0]);
            assertThat(r.status()).as(c[0] + " " + r.text()).isIn(400, 404);
            assertThat(r.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("get_coupon_code", "/api/coupon-codes/VALID-X1").status()).isEqualTo(404);
        assertThat(server.queryInt("select count(*) from coupon_code where coupon_id = 'VALID'")).isZero();
    }

    @Test
    void aCodeUpdatesItsStatusAndExpiryOnly() {
        createCoupon("PATCH");
        createCode("PATCH", "P1", ",\"expires_at\":\"2026-11-01T00:00:00Z\"");
        String p = "/api/coupon-codes/PATCH-P1";
        var r = api.patch("update_coupon_code", p, "{\"data\":{\"type\":\"coupon-code\",\"id\":\"PATCH-P1\",\"attributes\":"
                + "{\"status\":\"USED\",\"expires_at\":\"2026-12-01T00:00:00Z\"}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.data().at("/attributes/status").asText()).isEqualTo("USED");
        assertThat(r.data().at("/attributes/expires_at").asText()).isEqualTo("2026-12-01T00:00:00+00:00");
        var keep = api.patch("update_coupon_code", p, "{\"data\":{\"type\":\"coupon-code\",\"id\":\"PATCH-P1\",\"attributes\":"
                + "{\"status\":null,\"expires_at\":null}}}");
        assertThat(keep.status()).as(keep.text()).isEqualTo(200);
        assertThat(keep.data().at("/attributes/status").asText()).isEqualTo("USED");
        assertThat(keep.data().at("/attributes/expires_at").asText()).isEqualTo("2026-12-01T00:00:00+00:00");
        String[][] cases = {
                {"{\"status\":\"SPENT\"}", "/data/attributes/status"},
                {"{\"unique_code\":\"P2\"}", "/data/attributes/unique_code"},
                {"{\"expires_at\":5}", "/data/attributes/expires_at"}};
        for (String[] c : cases) {
            var bad = api.patch("update_coupon_code", p, "{\"data\":{\"type\":\"coupon-code\",\"id\":\"PATCH-P1\",\"attributes\":" + c[0] + "}}");
            assertThat(bad.status()).as(c[0]).isEqualTo(400);
            assertThat(bad.error().at("/source/pointer").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get("get_coupon_code", p).data().at("/attributes/status").asText()).isEqualTo("USED");
        var missing = api.patch("update_coupon_code", "/api/coupon-codes/PATCH-NONE",
                "{\"data\":{\"type\":\"coupon-code\",\"id\":\"PATCH-NONE\",\"attributes\":{\"status\":\"USED\"}}}");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void codesFilterByCouponStatusExpiryAndProfile() {
        createCoupon("F1");
        createCoupon("F2");
        createCode("F1", "A", ",\"expires_at\":\"2026-11-01T00:00:00Z\"");
        createCode("F1", "B", ",\"expires_at\":\"2027-02-01T00:00:00Z\"");
        createCode("F2", "C", ",\"expires_at\":\"2027-03-01T00:00:00Z\"");
        api.patch("update_coupon_code", "/api/coupon-codes/F1-B", "{\"data\":{\"type\":\"coupon-code\",\"id\":\"F1-B\",\"attributes\":{\"status\":\"USED\"}}}");
        assertThat(ids(api.get("get_coupon_codes", "/api/coupon-codes?filter=" + q("equals(coupon.id,\"F1\")")).data()))
                .containsExactly("F1-A", "F1-B");
        assertThat(ids(api.get("get_coupon_codes", "/api/coupon-codes?filter=" + q("any(coupon.id,[\"F1\",\"F2\"])")).data()))
                .containsExactly("F1-A", "F1-B", "F2-C");
        assertThat(ids(api.get("get_coupon_codes", "/api/coupon-codes?filter="
                + q("and(any(coupon.id,[\"F1\",\"F2\"]),greater-than(expires_at,2027-01-01T00:00:00Z))")).data()))
                .containsExactly("F1-B", "F2-C");
        assertThat(ids(api.get("get_coupon_codes", "/api/coupon-codes?filter="
                + q("and(equals(coupon.id,\"F1\"),equals(status,\"USED\"))")).data())).containsExactly("F1-B");
        assertThat(api.get("get_coupon_codes", "/api/coupon-codes?filter=" + q("equals(profile.id,\"01NOBODY\")")).data()).isEmpty();
        var noFilter = api.get("get_coupon_codes", "/api/coupon-codes");
        assertThat(noFilter.status()).isEqualTo(400);
        assertThat(noFilter.error().at("/source/parameter").asText()).isEqualTo("filter");
        // "A coupon/coupons or a profile/profiles must be provided" (spec): a status alone is not enough.
        var statusOnly = api.get("get_coupon_codes", "/api/coupon-codes?filter=" + q("equals(status,\"USED\")"));
        assertThat(statusOnly.status()).isEqualTo(400);
        assertThat(statusOnly.error().at("/source/parameter").asText()).isEqualTo("filter");
        assertThat(statusOnly.error().get("detail").asText()).contains("coupon.id or profile.id");
        // The coupon's own codes need no filter, and take the spec's ones.
        assertThat(ids(api.get("get_coupon_codes_for_coupon", "/api/coupons/F1/coupon-codes?filter=" + q("equals(status,\"USED\")")).data()))
                .containsExactly("F1-B");
        var badStatus = api.get("get_coupon_codes", "/api/coupon-codes?filter=" + q("equals(status,\"SPENT\")"));
        assertThat(badStatus.status()).isEqualTo(400);
        var badField = api.get("get_coupon_codes", "/api/coupon-codes?filter=" + q("equals(unique_code,\"A\")"));
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.error().at("/source/parameter").asText()).isEqualTo("filter");
    }

    @Test
    void codesAndTheirCouponReadFromBothSides() {
        createCoupon("REL");
        createCode("REL", "R1", "");
        createCode("REL", "R2", "");
        assertThat(ids(api.get("get_coupon_codes_for_coupon", "/api/coupons/REL/coupon-codes").data())).containsExactly("REL-R1", "REL-R2");
        var idsOnly = api.get("get_coupon_code_ids_for_coupon", "/api/coupons/REL/relationships/coupon-codes");
        assertThat(idsOnly.data().get(0).get("type").asText()).isEqualTo("coupon-code");
        assertThat(ids(idsOnly.data())).containsExactly("REL-R1", "REL-R2");
        var coupon = api.get("get_coupon_for_coupon_code", "/api/coupon-codes/REL-R1/coupon");
        assertThat(coupon.data().get("id").asText()).isEqualTo("REL");
        assertThat(coupon.data().at("/attributes/external_id").asText()).isEqualTo("REL");
        var couponId = api.get("get_coupon_id_for_coupon_code", "/api/coupon-codes/REL-R1/relationships/coupon");
        assertThat(couponId.data().get("type").asText()).isEqualTo("coupon");
        assertThat(couponId.data().get("id").asText()).isEqualTo("REL");
        var included = api.get("get_coupon_code", "/api/coupon-codes/REL-R1?include=coupon");
        assertThat(included.body().get("included").get(0).get("id").asText()).isEqualTo("REL");
        assertThat(api.get("get_coupon_codes_for_coupon", "/api/coupons/NOPE/coupon-codes").status()).isEqualTo(404);
        assertThat(api.get("get_coupon_for_coupon_code", "/api/coupon-codes/NOPE-X/coupon").status()).isEqualTo(404);
    }

    @Test
    void deletingACouponTakesItsCodesAndAnAssignedCodeCannotBeDeleted() {
        createCoupon("GONE");
        createCode("GONE", "G1", "");
        createCode("GONE", "G2", "");
        assertThat(api.delete("delete_coupon_code", "/api/coupon-codes/GONE-G1", null).status()).isEqualTo(204);
        assertThat(api.get("get_coupon_code", "/api/coupon-codes/GONE-G1").status()).isEqualTo(404);
        assertThat(api.delete("delete_coupon_code", "/api/coupon-codes/GONE-G1", null).status()).isEqualTo(404);

        api.patch("update_coupon_code", "/api/coupon-codes/GONE-G2",
                "{\"data\":{\"type\":\"coupon-code\",\"id\":\"GONE-G2\",\"attributes\":{\"status\":\"ASSIGNED_TO_PROFILE\"}}}");
        var assigned = api.delete("delete_coupon_code", "/api/coupon-codes/GONE-G2", null);
        assertThat(assigned.status()).isEqualTo(400);
        assertThat(assigned.error().get("detail").asText()).contains("assigned to a profile");
        assertThat(api.get("get_coupon_code", "/api/coupon-codes/GONE-G2").status()).isEqualTo(200);

        assertThat(api.delete("delete_coupon", "/api/coupons/GONE", null).status()).isEqualTo(204);
        assertThat(api.get("get_coupon", "/api/coupons/GONE").status()).isEqualTo(404);
        assertThat(server.queryInt("select count(*) from coupon_code where coupon_id = 'GONE'")).isZero();
        assertThat(api.delete("delete_coupon", "/api/coupons/GONE", null).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountSeesNone() {
        createCoupon("MINE");
        createCode("MINE", "M1", "");
        Api other = server.api(server.createKey("other-coupon-account", Set.of("coupons:read", "coupons:write",
                "coupon-codes:read", "coupon-codes:write")));
        assertThat(other.get("get_coupon", "/api/coupons/MINE").status()).isEqualTo(404);
        assertThat(other.get("get_coupon_code", "/api/coupon-codes/MINE-M1").status()).isEqualTo(404);
        assertThat(other.get("get_coupons", "/api/coupons").data()).isEmpty();
        var orphan = other.post("create_coupon_code", "/api/coupon-codes", codeBody("MINE", "M2", ""));
        assertThat(orphan.error().at("/source/pointer").asText()).isEqualTo("/data/relationships/coupon/data/id");
        // Another account may use the same external id: ids are per account.
        var own = other.post("create_coupon", "/api/coupons", "{\"data\":{\"type\":\"coupon\",\"attributes\":{\"external_id\":\"MINE\"}}}");
        assertThat(own.status()).as(own.text()).isEqualTo(201);
    }
}
