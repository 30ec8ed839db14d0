package dev.openprofile.reviews;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import dev.openprofile.jsonapi.filter.Term;
import dev.openprofile.store.Jdbc;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * get_client_review_values_reports: what a storefront shows beside a product, over the public reviews (published or
 * featured), grouped by product (its external id) or for the whole account (docs/compatibility.md, "Reviews").
 */
final class ValuesReport {
    /** The statistics the spec's StatisticsDTO names, each with the SQL aggregate that computes it. */
    static final Map<String, String> STATISTICS = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Map.of(
            "average_rating", "avg(nullif(rating, 0)) filter (where review_type in ('review', 'rating'))",
            "total_reviews", "count(*) filter (where review_type = 'review')",
            "total_questions", "count(*) filter (where review_type = 'question')",
            "total_ratings", "count(*) filter (where review_type in ('review', 'rating'))",
            "total_store_reviews", "count(*) filter (where review_type = 'store')",
            "average_store_rating", "avg(nullif(rating, 0)) filter (where review_type = 'store')")));
    private static final List<String> ORDER = List.of("average_rating", "total_reviews", "total_questions", "total_ratings",
            "total_store_reviews", "average_store_rating");

    /**
     * The request: how to group, which statistics, since when (null: all time), which products (empty: all), and the
     * public key it came with (an account's id on the wire, so its grouping's company_id).
     */
    record Request(boolean byProduct, List<String> statistics, String timeframe, OffsetDateTime since, List<String> products,
                   String company) {}

    private final Jdbc jdbc;
    private final Clock clock;

    ValuesReport(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The request from the query; unknown statistics are a 400 at the parameter. */
    Request request(List<Map.Entry<String, String>> raw, List<Term> filter) {
        String groupBy = "product_id", timeframe = "all_time", statistics = null, company = null;
        for (Map.Entry<String, String> p : raw) {
            switch (p.getKey()) {
                case "group_by" -> groupBy = p.getValue();
                case "timeframe" -> timeframe = p.getValue();
                case "statistics" -> statistics = p.getValue();
                case "company_id" -> company = p.getValue();
                default -> { }
            }
        }
        List<String> chosen = new ArrayList<>();
        if (statistics == null || statistics.isBlank()) {
            chosen.addAll(ORDER);
        } else {
            Set<String> named = new LinkedHashSet<>();
            for (String s : statistics.split(",")) {
                String name = s.trim();
                if (!STATISTICS.containsKey(name)) {
                    throw ApiError.invalidParameter("statistics", "'" + name + "' is not a statistic: use "
                            + String.join(", ", ORDER) + ".");
                }
                named.add(name);
            }
            chosen.addAll(named);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime since = switch (timeframe) {
            case "last_30_days" -> now.minusDays(30);
            case "last_90_days" -> now.minusDays(90);
            case "last_365_days" -> now.minusDays(365);
            default -> null;
        };
        List<String> products = new ArrayList<>();
        for (Term t : filter) for (Object v : t.values()) products.add(String.valueOf(v));
        return new Request(groupBy.equals("product_id"), chosen, timeframe, since, products, company);
    }

    /** The results: one grouping per product with public reviews (in external id order), or one for the account. */
    ArrayNode results(String accountId, Request q) {
        StringBuilder sql = new StringBuilder("select ").append(q.byProduct() ? "product_external_id" : "null");
        for (String s : q.statistics()) sql.append(", ").append(STATISTICS.get(s));
        sql.append(" from review where account_id = ? and status_value in ('published', 'featured')");
        if (q.since() != null) sql.append(" and created >= ?");
        if (!q.products().isEmpty()) sql.append(" and product_external_id = any (?)");
        if (q.byProduct()) sql.append(" and product_external_id is not null group by product_external_id order by 1");
        return jdbc.read(c -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, accountId);
                if (q.since() != null) ps.setObject(i++, q.since());
                if (!q.products().isEmpty()) ps.setArray(i, c.createArrayOf("text", q.products().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode grouping = out.addObject();
                        ObjectNode groupings = grouping.putObject("groupings");
                        if (q.byProduct()) groupings.put("product_id", rs.getString(1));
                        else groupings.put("company_id", q.company());
                        ObjectNode stats = grouping.putObject("statistics");
                        for (int s = 0; s < q.statistics().size(); s++) {
                            String name = q.statistics().get(s);
                            if (name.startsWith("average")) {
                                BigDecimal avg = rs.getBigDecimal(s + 2);
                                if (avg == null) stats.putNull(name);
                                else stats.put(name, avg.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros());
                            } else {
                                stats.put(name, rs.getLong(s + 2));
                            }
                        }
                    }
                }
            }
            return out;
        });
    }
}
