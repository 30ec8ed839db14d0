package dev.openprofile.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.DatabaseChecksum;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reviews end to end: submitted through create_client_review (a public key) with their author's profile and the
 * "Submitted Review" event, moderated through update_review, read through get_reviews and get_review with the spec's
 * filters and sorts; get_client_reviews shows only published and featured reviews, and the values report counts them.
 */
class ReviewsHttpTest {
    static TestServer server;
    static Api api;
    static Api client;
    static String company;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        client = server.clientApi();
        company = server.publicKey("default");
        for (String sku : List.of("MUG", "TEE", "CAP")) item(sku);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void item(String externalId) {
        var r = api.post("create_catalog_item", "/api/catalog-items", "{\"data\":{\"type\":\"catalog-item\",\"attributes\":{"
                + "\"external_id\":\"" + externalId + "\",\"title\":\"The " + externalId + "\",\"description\":\"D\","
                + "\"url\":\"https://shop.example/" + externalId + "\",\"image_full_url\":\"https://shop.example/" + externalId + ".jpg\"}}}");
        assertThat(r.status()).as(r.text()).isIn(201, 409);
    }

    static String body(String attributes) {
        return "{\"data\":{\"type\":\"review\",\"attributes\":" + attributes + "}}";
    }

    static String review(String type, String email, Integer rating, String product, String content) {
        return "{\"review_type\":\"" + type + "\",\"email\":\"" + email + "\",\"author\":\"A. Uthor\",\"content\":\"" + content + "\""
                + (rating == null ? "" : ",\"rating\":" + rating)
                + (product == null ? "" : ",\"product\":{\"external_id\":\"" + product + "\",\"integration_key\":\"shopify\"}") + "}";
    }

    static Api.Response submit(String attributes) {
        return client.post("create_client_review", "/client/reviews?company_id=" + company, body(attributes));
    }

    /** Submits and returns the new review's id (the 202 has no body: found by its unique content). */
    static String submitted(String type, String email, Integer rating, String product, String content) {
        var r = submit(review(type, email, rating, product, content));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        var found = api.get("get_reviews", "/api/reviews?filter=" + enc("contains(content,\"" + content + "\")"));
        assertThat(found.data()).hasSize(1);
        return found.data().get(0).get("id").asText();
    }

    static Api.Response setStatus(String id, String status) {
        return api.patch("update_review", "/api/reviews/" + id, "{\"data\":{\"type\":\"review\",\"id\":\"" + id
                + "\",\"attributes\":{\"status\":" + status + "}}}");
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.forEach(d -> out.add(d.get("id").asText()));
        return out;
    }

    static void assertRejected(Api.Response r, String pointer) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.error().at("/source/pointer").asText()).isEqualTo(pointer);
    }

    @Test
    void aSubmittedReviewIsPendingWithItsProductItsProfileAndTheSubmittedReviewEvent() {
        String id = submitted("review", "first@reviews.example", 4, "MUG", "first-mug-words");
        var r = api.get("get_review", "/api/reviews/" + id);
        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.data().get("attributes");
        assertThat(a.get("status").get("value").asText()).isEqualTo("pending");
        assertThat(a.get("email").asText()).isEqualTo("first@reviews.example");
        assertThat(a.get("rating").asInt()).isEqualTo(4);
        assertThat(a.get("verified").asBoolean()).isFalse();
        assertThat(a.get("images")).isEmpty();
        assertThat(a.get("product").get("name").asText()).isEqualTo("The MUG");
        assertThat(a.get("product").get("url").asText()).isEqualTo("https://shop.example/MUG");
        assertThat(a.get("product").get("external_id").asText()).isEqualTo("MUG");
        assertThat(r.data().at("/relationships/item/data/id").asText()).isEqualTo("$custom:::$default:::MUG");
        var profiles = api.get("get_profiles", "/api/profiles?filter=" + enc("equals(email,\"first@reviews.example\")"));
        assertThat(profiles.data()).hasSize(1);
        String profileId = profiles.data().get(0).get("id").asText();
        var events = api.get("get_events", "/api/events?include=metric&filter=" + enc("equals(profile_id,\"" + profileId + "\")"));
        assertThat(events.data()).hasSize(1);
        assertThat(events.body().get("included").get(0).at("/attributes/name").asText()).isEqualTo("Submitted Review");
        assertThat(events.data().get(0).at("/attributes/event_properties/review_id").asText()).isEqualTo(id);
        // include=events: the review's own event, in the single read and in a page.
        String eventId = events.data().get(0).get("id").asText();
        var included = api.get("get_review", "/api/reviews/" + id + "?include=events");
        assertThat(included.data().at("/relationships/events/data/0/id").asText()).isEqualTo(eventId);
        assertThat(included.body().get("included")).singleElement().satisfies(e -> assertThat(e.get("id").asText()).isEqualTo(eventId));
        var page = api.get("get_reviews", "/api/reviews?include=events&fields%5Bevent%5D=datetime&filter="
                + enc("equals(id,\"" + id + "\")"));
        assertThat(page.data().get(0).at("/relationships/events/data")).hasSize(1);
        assertThat(page.body().get("included").get(0).get("attributes").fieldNames()).toIterable().containsExactly("datetime");
    }

    @Test
    void aQuestionHasNoRatingAndAStoreReviewNoProduct() {
        String q = submitted("question", "asker@reviews.example", null, "TEE", "does-it-shrink");
        assertThat(api.get("get_review", "/api/reviews/" + q).data().at("/attributes/rating").isNull()).isTrue();
        String s = submitted("store", "shopper@reviews.example", 5, null, "lovely-shop");
        var store = api.get("get_review", "/api/reviews/" + s).data();
        assertThat(store.at("/attributes/product").isNull()).isTrue();
        assertThat(store.at("/relationships/item/data").isMissingNode()).isTrue();
        // A question matches no rating filter, though its column holds 0.
        var low = api.get("get_reviews", "/api/reviews?filter=" + enc("less-or-equal(rating,2)"));
        assertThat(ids(low.data())).doesNotContain(q);
    }

    @Test
    void updateReviewMovesTheStatusAndARejectionNeedsItsReason() {
        String id = submitted("review", "moderated@reviews.example", 2, "CAP", "cap-too-small");
        var published = setStatus(id, "{\"value\":\"published\"}");
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.data().at("/attributes/status/value").asText()).isEqualTo("published");
        var rejected = setStatus(id, "{\"value\":\"rejected\",\"rejection_reason\":{\"reason\":\"other\",\"status_explanation\":\"dup\"}}");
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.data().at("/attributes/status/rejection_reason/status_explanation").asText()).isEqualTo("dup");
        var before = DatabaseChecksum.of(server.jdbc());
        assertRejected(setStatus(id, "{\"value\":\"rejected\"}"), "/data/attributes/status/rejection_reason");
        assertRejected(setStatus(id, "{\"value\":\"rejected\",\"rejection_reason\":{\"reason\":\"rude\"}}"),
                "/data/attributes/status/rejection_reason/reason");
        assertRejected(setStatus(id, "{\"value\":\"gone\"}"), "/data/attributes/status/value");
        assertRejected(setStatus(id, "{\"value\":\"published\",\"rejection_reason\":{\"reason\":\"fake\"}}"),
                "/data/attributes/status/rejection_reason");
        assertRejected(setStatus(id, "\"published\""), "/data/attributes/status");
        var other = api.patch("update_review", "/api/reviews/" + id, "{\"data\":{\"type\":\"review\",\"id\":\"" + id
                + "\",\"attributes\":{\"rating\":5}}}");
        assertThat(other.status()).as(other.text()).isEqualTo(400);
        assertThat(setStatus("nope", "{\"value\":\"published\"}").status()).isEqualTo(404);
        assertThat(api.get("get_review", "/api/reviews/nope").status()).isEqualTo(404);
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void getReviewsFiltersAndSortsAsTheSpecLists() {
        String five = submitted("review", "f1@reviews.example", 5, "TEE", "filter-five");
        String one = submitted("rating", "f2@reviews.example", 1, "TEE", "filter-one");
        setStatus(five, "{\"value\":\"featured\"}");
        var byItem = api.get("get_reviews", "/api/reviews?sort=-rating&filter="
                + enc("equals(item.id,\"$custom:::$default:::TEE\"),any(rating,[1,5])"));
        assertThat(byItem.status()).as(byItem.text()).isEqualTo(200);
        assertThat(ids(byItem.data())).containsExactly(five, one);
        assertThat(ids(api.get("get_reviews", "/api/reviews?filter=" + enc("equals(status,\"featured\")")).data())).contains(five)
                .doesNotContain(one);
        assertThat(ids(api.get("get_reviews", "/api/reviews?filter=" + enc("equals(review_type,\"rating\")")).data()))
                .containsExactly(one);
        assertThat(ids(api.get("get_reviews", "/api/reviews?filter=" + enc("equals(verified,true)")).data())).isEmpty();
        var bad = api.get("get_reviews", "/api/reviews?filter=" + enc("equals(email,\"x@y.z\")"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/parameter").asText()).isEqualTo("filter");
        var page = api.get("get_reviews", "/api/reviews?page[size]=1&sort=-created");
        assertThat(page.data()).hasSize(1);
        assertThat(page.body().at("/links/next").asText()).contains("page%5Bcursor%5D");
    }

    @Test
    void clientReviewsShowOnlyPublishedAndFeaturedWithoutTheEmail() {
        String shown = submitted("review", "c1@reviews.example", 5, "CAP", "client-shown");
        String hidden = submitted("review", "c2@reviews.example", 1, "CAP", "client-hidden");
        setStatus(shown, "{\"value\":\"published\"}");
        var r = client.get("get_client_reviews", "/client/reviews?company_id=" + company + "&filter="
                + enc("contains(content,\"client-\")"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(ids(r.data())).containsExactly(shown);
        assertThat(r.data().get(0).get("attributes").has("email")).isFalse();
        assertThat(r.data().get(0).has("relationships")).isFalse();
        assertThat(ids(client.get("get_client_reviews", "/client/reviews?company_id=" + company + "&filter="
                + enc("equals(status,\"pending\")")).data())).doesNotContain(hidden);
        assertThat(ids(client.get("get_client_reviews", "/client/reviews?company_id=" + company + "&filter="
                + enc("has(media)")).data())).isEmpty();
        assertThat(client.get("get_client_reviews", "/client/reviews?company_id=nope").status()).isIn(400, 401, 403);
    }

    @Test
    void theValuesReportCountsPublicReviewsPerProduct() {
        var a = server.newAccount("values");
        String key = server.publicKey(a.name());
        Api other = server.clientApi();
        a.api().post("create_catalog_item", "/api/catalog-items", "{\"data\":{\"type\":\"catalog-item\",\"attributes\":{"
                + "\"external_id\":\"P1\",\"title\":\"P\",\"description\":\"D\",\"url\":\"https://shop.example/P1\"}}}");
        List<String> ids = new ArrayList<>();
        for (String attrs : List.of(review("review", "v1@reviews.example", 5, "P1", "v-one"),
                review("review", "v2@reviews.example", 4, "P1", "v-two"),
                review("rating", "v3@reviews.example", 1, "P1", "v-three"),
                review("question", "v4@reviews.example", null, "P1", "v-four"),
                review("review", "v5@reviews.example", 1, "P1", "v-five"))) {
            assertThat(other.post("create_client_review", "/client/reviews?company_id=" + key, body(attrs)).status()).isEqualTo(202);
        }
        a.api().get("get_reviews", "/api/reviews?page[size]=100").data().forEach(d -> {
            if (!d.at("/attributes/content").asText().equals("v-five")) ids.add(d.get("id").asText());
        });
        for (String id : ids) {
            a.api().patch("update_review", "/api/reviews/" + id, "{\"data\":{\"type\":\"review\",\"id\":\"" + id
                    + "\",\"attributes\":{\"status\":{\"value\":\"published\"}}}}");
        }
        var r = other.get("get_client_review_values_reports", "/client/review-values-reports?company_id=" + key
                + "&group_by=product_id&timeframe=all_time&statistics=" + enc(String.join(",", ValuesReport.STATISTICS.keySet()))
                + "&filter=" + enc("equals(product_external_ids,\"P1\")"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode result = r.data().get(0).at("/attributes/results/0");
        assertThat(result.at("/groupings/product_id").asText()).isEqualTo("P1");
        JsonNode stats = result.get("statistics");
        assertThat(stats.get("total_reviews").asLong()).isEqualTo(2);
        assertThat(stats.get("total_ratings").asLong()).isEqualTo(3);
        assertThat(stats.get("total_questions").asLong()).isEqualTo(1);
        assertThat(stats.get("average_rating").decimalValue()).isEqualByComparingTo("3.33");
        var two = other.get("get_client_review_values_reports", "/client/review-values-reports?company_id=" + key
                + "&group_by=company_id&timeframe=last_30_days&statistics=total_reviews");
        assertThat(two.status()).as(two.text()).isEqualTo(200);
        assertThat(two.data().get(0).at("/attributes/results/0/groupings/company_id").asText()).isEqualTo(key);
        assertThat(two.data().get(0).at("/attributes/results/0/statistics/total_reviews").asLong()).isEqualTo(2);
        assertThat(two.data().get(0).at("/attributes/results/0/statistics").size()).isEqualTo(1);
        var bad = other.get("get_client_review_values_reports", "/client/review-values-reports?company_id=" + key
                + "&group_by=product_id&timeframe=all_time&statistics=total_reviews,median");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().at("/source/parameter").asText()).isEqualTo("statistics");
    }

    @Test
    void badSubmissionsAreRejectedWithTheirPointerAndStoreNothing() {
        var before = DatabaseChecksum.of(server.jdbc());
        assertRejected(submit(review("review", "bad@reviews.example", null, "MUG", "x")), "/data/attributes/rating");
        assertRejected(submit(review("review", "bad@reviews.example", 6, "MUG", "x")), "/data/attributes/rating");
        assertRejected(submit(review("question", "bad@reviews.example", 3, "MUG", "x")), "/data/attributes/rating");
        assertRejected(submit(review("review", "bad@reviews.example", 3, null, "x")), "/data/attributes/product");
        assertRejected(submit(review("store", "bad@reviews.example", 3, "MUG", "x")), "/data/attributes/product");
        assertRejected(submit(review("poem", "bad@reviews.example", 3, "MUG", "x")), "/data/attributes/review_type");
        assertRejected(submit(review("review", "not-an-email", 3, "MUG", "x")), "/data/attributes/email");
        assertRejected(submit("{\"review_type\":\"store\",\"email\":\"bad@reviews.example\",\"author\":\"A\",\"rating\":3}"),
                "/data/attributes/content");
        assertRejected(submit("{\"review_type\":\"store\",\"email\":\"bad@reviews.example\",\"author\":\"A\",\"content\":\"c\","
                + "\"rating\":3,\"images\":[1]}"), "/data/attributes/images/0");
        var unknown = submit(review("review", "bad@reviews.example", 3, "NO-SUCH", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().at("/source/pointer").asText()).isEqualTo("/data/attributes/product/external_id");
        assertThat(api.post("create_client_review", "/client/reviews?company_id=" + company, body(review("store",
                "bad@reviews.example", 3, null, "x"))).status()).isIn(400, 401, 403);
        assertThat(DatabaseChecksum.of(server.jdbc())).isEqualTo(before);
    }

    @Test
    void aMergeMovesReviewsAndADeletionTakesThem() {
        String kept = submitted("review", "merge-src@reviews.example", 3, "MUG", "merge-words");
        String gone = submitted("review", "delete-me@reviews.example", 3, "MUG", "delete-words");
        String src = api.get("get_profiles", "/api/profiles?filter=" + enc("equals(email,\"merge-src@reviews.example\")")).data()
                .get(0).get("id").asText();
        String dest = api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":"
                + "{\"email\":\"merge-dest@reviews.example\"}}}").data().get("id").asText();
        var merged = api.post("merge_profiles", "/api/profile-merge", "{\"data\":{\"type\":\"profile-merge\",\"id\":\"" + dest
                + "\",\"relationships\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"id\":\"" + src + "\"}]}}}}");
        assertThat(merged.status()).as(merged.text()).isIn(201, 202);
        server.awaitJobs();
        assertThat(server.queryInt("select count(*) from review where id = '" + kept + "' and profile_id = '" + dest + "'"))
                .isEqualTo(1);
        String doomed = api.get("get_profiles", "/api/profiles?filter=" + enc("equals(email,\"delete-me@reviews.example\")"))
                .data().get(0).get("id").asText();
        var r = api.post("request_profile_deletion", "/api/data-privacy-deletion-jobs", "{\"data\":{\"type\":"
                + "\"data-privacy-deletion-job\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"id\":\"" + doomed + "\"}}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        server.awaitJobs();
        assertThat(api.get("get_review", "/api/reviews/" + gone).status()).isEqualTo(404);
    }
}
