package dev.openprofile.reporting;

import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.segments.SegmentHistoryQueries;
import dev.openprofile.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Segment reports, from the membership history: members added and removed within the timeframe (or bucket), their
 * difference, and the members at its end. Every segment of the account is a grouping (those the filter names, if
 * any), whether or not its membership changed.
 */
final class SegmentReports {
    /** "Data is unavailable before June 1st, 2023. Please use a time frame after this date." */
    static final LocalDate FIRST_DAY = LocalDate.of(2023, 6, 1);

    private final Jdbc jdbc;
    private final Consumer<String> catchUp;

    /** @param catchUp brings an account's memberships up to date before the history is read */
    SegmentReports(Jdbc jdbc, Consumer<String> catchUp) {
        this.jdbc = jdbc;
        this.catchUp = catchUp;
    }

    ReportResult run(String accountId, ReportRequest q) {
        Timeframe t = q.timeframe();
        if (t.start().isBefore(FIRST_DAY.atStartOfDay(t.zone()).toInstant())) {
            throw ApiError.invalidPointer(Timeframe.POINTER, "Segment data is unavailable before June 1st, 2023: use a timeframe after this date.");
        }
        catchUp.accept(accountId);
        List<ZonedDateTime> buckets = q.interval().map(i -> i.bucketStarts(t)).orElse(List.of(t.zonedStart()));
        int n = buckets.size();
        return jdbc.read(c -> {
            List<String> segments = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SegmentHistoryQueries.IDS)) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) segments.add(rs.getString(1));
                }
            }
            Map<String, long[]> added = new HashMap<>();
            Map<String, long[]> removed = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SegmentHistoryQueries.CHANGES)) {
                ps.setArray(1, c.createArrayOf("timestamptz", buckets.stream().map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format).toArray()));
                ps.setString(2, accountId);
                ps.setObject(3, OffsetDateTime.ofInstant(t.start(), ZoneOffset.UTC));
                ps.setObject(4, OffsetDateTime.ofInstant(t.end(), ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int bucket = Math.max(0, rs.getInt(2) - 1);
                        added.computeIfAbsent(rs.getString(1), k -> new long[n])[bucket] += rs.getLong(3);
                        removed.computeIfAbsent(rs.getString(1), k -> new long[n])[bucket] += rs.getLong(4);
                    }
                }
            }
            Map<String, Long> before = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SegmentHistoryQueries.MEMBERS_AT)) {
                ps.setString(1, accountId);
                ps.setObject(2, OffsetDateTime.ofInstant(t.start(), ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) before.put(rs.getString(1), rs.getLong(2));
                }
            }
            List<ReportResult.Row> rows = new ArrayList<>();
            for (String segment : segments) {
                if (!q.filter().matches(Map.of("segment_id", List.of(segment)))) continue;
                long[] in = added.getOrDefault(segment, new long[n]);
                long[] out = removed.getOrDefault(segment, new long[n]);
                long total = before.getOrDefault(segment, 0L);
                Map<String, List<Long>> series = new LinkedHashMap<>();
                for (String name : q.statistics()) series.put(name, new ArrayList<>());
                for (int b = 0; b < n; b++) {
                    total += in[b] - out[b];
                    for (String name : q.statistics()) series.get(name).add(SegmentStatistic.of(name).of(in[b], out[b], total));
                }
                Map<String, Object> statistics = new LinkedHashMap<>();
                series.forEach((name, values) -> statistics.put(name, q.interval().isPresent() ? values : values.getFirst()));
                rows.add(new ReportResult.Row(Map.of("segment_id", segment), statistics));
            }
            return new ReportResult(q.interval().isPresent() ? buckets : List.of(), rows, Optional.empty());
        });
    }
}
