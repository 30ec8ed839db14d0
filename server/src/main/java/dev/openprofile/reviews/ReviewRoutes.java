package dev.openprofile.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.jsonapi.filter.SqlFragment;
import dev.openprofile.resource.ResourceRenderer;
import dev.openprofile.resource.ResourceService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The three client operations (a public key): create_client_review (202, no body, once stored), get_client_reviews
 * (what a storefront shows: published and featured reviews, read through the kit with that scope) and
 * get_client_review_values_reports.
 */
final class ReviewRoutes {
    private static final SqlFragment PUBLIC = new SqlFragment("t.status_value = any (?)",
            List.of((Object) ReviewStatus.PUBLIC.toArray(new String[0])));

    private final ReviewService service;
    private final ResourceService reviews;
    private final ResourceRenderer renderer;
    private final ValuesReport report;
    private final Links links;

    ReviewRoutes(ReviewService service, ResourceService reviews, ResourceRenderer renderer, ValuesReport report, Links links) {
        this.service = service;
        this.reviews = reviews;
        this.renderer = renderer;
        this.report = report;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("create_client_review", r -> {
                    service.submit(r.accountId(), ReviewInput.parse(r.data()));
                    return ApiResponse.accepted();
                }),
                Endpoint.of("get_client_reviews", this::publicReviews).sortedBy("created"),
                Endpoint.of("get_client_review_values_reports", this::valuesReport));
    }

    private ApiResponse publicReviews(ApiRequest r) {
        var page = reviews.rows(r.accountId(), r.query(), PUBLIC);
        List<ObjectNode> data = renderer.resources(r.accountId(), reviews.kind(), page.rows(), r.query());
        for (ObjectNode node : data) {
            // ClientReviewResponseDTO: no author's email and no relationships on a storefront.
            node.remove("relationships");
            if (node.get("attributes") instanceof ObjectNode attributes) attributes.remove("email");
        }
        return ApiResponse.ok(Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode()))));
    }

    private ApiResponse valuesReport(ApiRequest r) {
        ValuesReport.Request q = report.request(r.query().raw(), r.query().filter());
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        attributes.set("results", report.results(r.accountId(), q));
        String id = reportId(r.accountId(), q);
        ObjectNode node = Resources.resource("review-values-report", id, attributes, r.query(),
                links.resource("/client/review-values-reports", id));
        return ApiResponse.ok(Resources.collection(List.of(node), links.collection(r.path(), r.query().raw(),
                Optional.empty(), Optional.empty())));
    }

    /** The same question asks for the same report: its id is a digest of the account and the request (not its instant). */
    private static String reportId(String accountId, ValuesReport.Request q) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("|", accountId, String.valueOf(q.byProduct()),
                    q.statistics().toString(), q.timeframe(), q.products().toString()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
