package dev.openprofile.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A daily series as the console shows it (a metric's counts, a segment's members): the {@code data-chart} JSON that
 * console.js draws with uPlot, and the same figures as rows of a table, readable without script.
 *
 * @param json   {"labels":[epoch seconds...],"series":[{"label":...,"values":[...]}]}
 * @param points each day (its date, as the API gave it) and its value
 */
record MetricsChart(String json, List<Point> points) {
    record Point(String day, long value) {}

    static MetricsChart of(String label, List<OffsetDateTime> days, List<Long> values) {
        ObjectNode chart = Json.MAPPER.createObjectNode();
        ArrayNode labels = chart.putArray("labels");
        days.forEach(d -> labels.add(d.toEpochSecond()));
        ObjectNode series = chart.putArray("series").addObject();
        series.put("label", label);
        ArrayNode numbers = series.putArray("values");
        values.forEach(numbers::add);
        List<Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < days.size(); i++) points.add(new Point(days.get(i).toLocalDate().toString(), values.get(i)));
        return new MetricsChart(chart.toString(), List.copyOf(points));
    }

    public long total() {
        return points.stream().mapToLong(Point::value).sum();
    }
}
