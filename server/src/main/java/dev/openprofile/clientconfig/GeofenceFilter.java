package dev.openprofile.clientconfig;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.filter.And;
import dev.openprofile.jsonapi.filter.Condition;
import dev.openprofile.jsonapi.filter.DecimalLiteral;
import dev.openprofile.jsonapi.filter.Filter;
import dev.openprofile.jsonapi.filter.FilterParser;
import dev.openprofile.jsonapi.filter.IntegerLiteral;
import dev.openprofile.jsonapi.filter.Operator;
import java.math.BigDecimal;
import java.util.List;

/**
 * get_client_geofences' filter, sent in a header: {@code and(equals(lat,40.7128),equals(lng,-74.0060))}
 * (semantics §14). Only {@code equals} on {@code lat} and {@code lng}; both or neither, since one
 * coordinate is no point to sort by distance from.
 */
final class GeofenceFilter {
    static final String HEADER = "X-Klaviyo-API-Filters";

    /** A point, or nulls for none. */
    record Point(Double lat, Double lng) {}

    private GeofenceFilter() {}

    static Point parse(String header) {
        if (header == null || header.isBlank()) return new Point(null, null);
        Filter filter;
        try {
            filter = FilterParser.parse(header);
        } catch (ApiError e) {
            throw invalid(e.detail());
        }
        List<Filter> terms = filter instanceof And and ? and.terms() : List.of(filter);
        Double lat = null;
        Double lng = null;
        for (Filter term : terms) {
            if (!(term instanceof Condition c) || c.operator() != Operator.EQUALS
                    || !(c.field().equals("lat") || c.field().equals("lng"))) {
                throw invalid("Only equals(lat,…) and equals(lng,…) are supported in " + HEADER + ".");
            }
            double value = number(c);
            boolean isLat = c.field().equals("lat");
            if ((isLat ? lat : lng) != null) throw invalid("'" + c.field() + "' is given twice.");
            if (isLat ? Math.abs(value) > 90 : Math.abs(value) > 180) {
                throw invalid("'" + c.field() + "' must be between " + (isLat ? "-90 and 90." : "-180 and 180."));
            }
            if (isLat) lat = value;
            else lng = value;
        }
        if ((lat == null) != (lng == null)) throw invalid("Give both lat and lng, or neither.");
        return new Point(lat, lng);
    }

    private static double number(Condition c) {
        BigDecimal value = switch (c.value()) {
            case DecimalLiteral d -> d.value();
            case IntegerLiteral i -> new BigDecimal(i.value());
            default -> throw invalid("'" + c.field() + "' must be a number.");
        };
        return value.doubleValue();
    }

    private static ApiError invalid(String detail) {
        return ApiError.invalidParameter(HEADER, detail);
    }
}
