package dev.openprofile.reporting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.PositionCursor;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** HTTP for the Reporting tag's seven operations: parse, compute, render. */
final class ReportRoutes {
    /** Datetimes as Klaviyo's examples write them: 2024-01-05T00:00:00+00:00, in the account's zone. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final MessageReports messages;
    private final FormReports forms;
    private final SegmentReports segments;
    private final Function<String, ZoneId> zones;
    private final Clock clock;
    private final Links links;

    ReportRoutes(MessageReports messages, FormReports forms, SegmentReports segments, Function<String, ZoneId> zones,
                 Clock clock, Links links) {
        this.messages = messages;
        this.forms = forms;
        this.segments = segments;
        this.zones = zones;
        this.clock = clock;
        this.links = links;
    }

    List<Endpoint> endpoints() {
        return Arrays.stream(ReportType.values()).map(t -> Endpoint.of(t.operationId, r -> report(t, r))).toList();
    }

    private ApiResponse report(ReportType type, ApiRequest r) {
        int offset = r.query().raw().stream().filter(p -> p.getKey().equals("page_cursor")).findFirst()
                .map(p -> PositionCursor.decode(p.getValue()).orElseThrow(() ->
                        ApiError.invalidParameter("page_cursor", "'page_cursor' is not a cursor this endpoint returned.")))
                .orElse(0);
        ReportRequest q = ReportInput.parse(type, r.data(), zones.apply(r.accountId()), clock.instant(), offset);
        ReportResult result = switch (type.subject) {
            case CAMPAIGN, FLOW -> messages.run(r.accountId(), q);
            case FORM -> forms.run(r.accountId(), q);
            case SEGMENT -> segments.run(r.accountId(), q);
        };
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        ArrayNode results = attributes.putArray("results");
        for (ReportResult.Row row : result.rows()) {
            ObjectNode item = results.addObject();
            ObjectNode groupings = item.putObject("groupings");
            row.groupings().forEach(groupings::put);
            ObjectNode statistics = item.putObject("statistics");
            row.statistics().forEach((name, value) -> {
                if (value instanceof List<?> series) {
                    ArrayNode values = statistics.putArray(name);
                    series.forEach(v -> values.add(number((Number) v)));
                } else {
                    statistics.set(name, number((Number) value));
                }
            });
        }
        if (type.series) {
            ArrayNode dates = attributes.putArray("date_times");
            result.dates().forEach(d -> dates.add(DATE.format(d)));
        }
        String self = links.path(r.operation().path());
        ObjectNode doc = Resources.single(Resources.resource(type.wire, id(r), attributes, r.query(), self));
        ObjectNode top = doc.putObject("links");
        top.put("self", self);
        if (type.paged()) top.put("next", result.next().map(o -> self + "?page_cursor=" + PositionCursor.encode(o)).orElse(null));
        return ApiResponse.ok(doc);
    }

    private static com.fasterxml.jackson.databind.JsonNode number(Number n) {
        return switch (n) {
            case Long l -> Json.MAPPER.getNodeFactory().numberNode(l);
            case Double d -> Json.MAPPER.getNodeFactory().numberNode(d);
            case BigDecimal b -> Json.MAPPER.getNodeFactory().numberNode(b);
            default -> throw new IllegalArgumentException("unexpected statistic " + n.getClass());
        };
    }

    /** The same request of the same account gets the same id (Klaviyo's report ids are ephemeral). */
    private static String id(ApiRequest r) {
        String query = r.accountId() + "\n" + r.operation().id() + "\n" + r.data().get("attributes");
        return UUID.nameUUIDFromBytes(query.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
