package dev.openprofile.reporting;

/**
 * The form events a form report counts: Klaviyo's own metrics (integration {@code klaviyo}) by name, each event
 * naming its form in {@code form_id} (or {@code $form_id}) and, optionally, the version in {@code form_version_id}
 * (or {@code $form_version_id}).
 */
enum FormKind {
    VIEWED("Viewed Form"),
    SUBMITTED("Submitted Form"),
    CLOSED("Closed Form"),
    QUALIFIED("Qualified Form"),
    VIEWED_STEP("Viewed Form Step"),
    SUBMITTED_STEP("Submitted Form Step");

    final String metricName;

    FormKind(String metricName) {
        this.metricName = metricName;
    }
}
