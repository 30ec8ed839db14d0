package dev.openprofile.events.aggregates;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.PositionCursor;
import dev.openprofile.jsonapi.Resources;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** HTTP for {@code POST /api/metric-aggregates} (query_metric_aggregates). */
public final class AggregateRoutes {
    private static final String PATH = "/api/metric-aggregates";
    /** Bucket starts with the query zone's offset, as Klaviyo writes datetimes: 2022-12-01T00:00:00-05:00. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final AggregateService service;
    private final Links links;

    public AggregateRoutes(AggregateService service, Links links) {
        this.service = service;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of("query_metric_aggregates", this::query));
    }

    private ApiResponse query(ApiRequest r) {
        AggregateQuery q = AggregateInput.parse(r.data());
        AggregateResult result = service.run(r.accountId(), q);
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        ArrayNode dates = attributes.putArray("dates");
        result.dates().forEach(d -> dates.add(DATE.format(d)));
        ArrayNode data = attributes.putArray("data");
        for (AggregateResult.Row row : result.rows()) {
            ObjectNode item = data.addObject();
            ArrayNode dimensions = item.putArray("dimensions");
            row.dimensions().forEach(dimensions::add);
            ObjectNode measurements = item.putObject("measurements");
            for (int m = 0; m < q.measurements().size(); m++) {
                ArrayNode values = measurements.putArray(q.measurements().get(m).wire());
                for (BigDecimal v : row.series()[m]) values.add(v);
            }
        }
        String self = links.path(PATH);
        ObjectNode doc = Resources.single(Resources.resource(AggregateInput.TYPE, id(r), attributes, r.query(), self));
        ObjectNode top = doc.putObject("links");
        top.put("self", self);
        top.put("next", cursorLink(self, result.next()));
        top.put("prev", cursorLink(self, result.prev()));
        return ApiResponse.ok(doc);
    }

    /** "Ephemeral ID associated with the aggregation query": the same query of the same account gets the same id. */
    private static String id(ApiRequest r) {
        String query = r.accountId() + "\n" + r.data().get("attributes");
        return UUID.nameUUIDFromBytes(query.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The cursor travels in the body (page_cursor); the link carries it as GET links do, and page_cursor takes either. */
    private static String cursorLink(String self, Optional<Integer> offset) {
        return offset.map(o -> self + "?page%5Bcursor%5D=" + PositionCursor.encode(o)).orElse(null);
    }
}
