package dev.openprofile.reporting;

import java.util.List;
import java.util.Optional;

/**
 * A validated report request.
 *
 * @param statistics the statistics asked for, in the request's order
 * @param groupBy    the attributes to group by, in the request's order (the subject's default when absent)
 * @param interval   a series report's bucket width; empty for a values report
 * @param conversionMetricId campaign and flow reports: the metric whose attributed events are conversions
 * @param offset     the position of the page's first grouping (page_cursor)
 */
record ReportRequest(ReportType type, List<String> statistics, Timeframe timeframe, Optional<SeriesInterval> interval,
                     Optional<String> conversionMetricId, List<String> groupBy, ReportFilter filter, int offset) {}
