package dev.openprofile.reporting;

import java.util.List;

/**
 * The message events a campaign or flow report counts: Klaviyo's own metrics (integration {@code klaviyo}) by their
 * names, each event carrying the message's id in {@code $message}; and the conversions, events of the request's
 * conversion metric whose {@code $attributed_message} names the message (docs/compatibility.md, "Reporting").
 */
enum MessageKind {
    RECEIVED("Received Email", "Received SMS", "Received Push"),
    OPENED("Opened Email", "Opened Push"),
    CLICKED("Clicked Email", "Clicked SMS"),
    BOUNCED("Bounced Email", "Bounced Push"),
    FAILED("Failed to Deliver SMS"),
    SPAM("Marked Email as Spam"),
    UNSUBSCRIBED("Unsubscribed", "Unsubscribed from SMS"),
    CONVERTED;

    /** The property that names the message on a message event, and on a conversion. */
    static final String MESSAGE = "$message";
    static final String ATTRIBUTED_MESSAGE = "$attributed_message";

    final List<String> metricNames;

    MessageKind(String... metricNames) {
        this.metricNames = List.of(metricNames);
    }
}
