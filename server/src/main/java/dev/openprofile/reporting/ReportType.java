package dev.openprofile.reporting;

/** The seven reports: what each is called on the wire, which subject it reports on, and whether it is a series. */
enum ReportType {
    CAMPAIGN_VALUES("query_campaign_values", "campaign-values-report", Subject.CAMPAIGN, false),
    FLOW_VALUES("query_flow_values", "flow-values-report", Subject.FLOW, false),
    FLOW_SERIES("query_flow_series", "flow-series-report", Subject.FLOW, true),
    FORM_VALUES("query_form_values", "form-values-report", Subject.FORM, false),
    FORM_SERIES("query_form_series", "form-series-report", Subject.FORM, true),
    SEGMENT_VALUES("query_segment_values", "segment-values-report", Subject.SEGMENT, false),
    SEGMENT_SERIES("query_segment_series", "segment-series-report", Subject.SEGMENT, true);

    final String operationId;
    final String wire;
    final Subject subject;
    final boolean series;

    ReportType(String operationId, String wire, Subject subject, boolean series) {
        this.operationId = operationId;
        this.wire = wire;
        this.subject = subject;
        this.series = series;
    }

    /** The spec gives page_cursor to the campaign and flow reports only. */
    boolean paged() {
        return subject == Subject.CAMPAIGN || subject == Subject.FLOW;
    }
}
