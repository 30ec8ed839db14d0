package dev.openprofile.consent;

import java.time.OffsetDateTime;

/**
 * One history entry: a channel's consent or a suppression changed. Flat strings, so the store keeps
 * each as one row.
 *
 * <ul>
 *   <li>{@code subject}: a {@link Channel} name ({@code EMAIL_MARKETING}), {@code SUPPRESSION:<reason>}
 *       or {@code LIST_SUPPRESSION:<list id>};</li>
 *   <li>{@code from}, {@code to}: {@link Consent} names for a channel, {@link #NOT_SUPPRESSED} or
 *       {@link #SUPPRESSED} for a suppression;</li>
 *   <li>{@code method}, {@code methodDetail}: how the change was asked for (e.g. {@code API} and the
 *       subscribe's custom source), either may be null;</li>
 *   <li>{@code actor}: the command's actor; {@code at}: when.</li>
 * </ul>
 */
public record ConsentChange(
        String subject,
        String from,
        String to,
        String method,
        String methodDetail,
        String actor,
        OffsetDateTime at) {

    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String NOT_SUPPRESSED = "NOT_SUPPRESSED";

    public static String suppressionSubject(SuppressionReason reason) {
        return "SUPPRESSION:" + reason.name();
    }

    public static String listSuppressionSubject(String listId) {
        return "LIST_SUPPRESSION:" + listId;
    }
}
