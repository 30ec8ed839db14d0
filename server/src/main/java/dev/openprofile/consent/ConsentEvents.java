package dev.openprofile.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Who hears of the Klaviyo system events a consent change makes ("Subscribed to Email Marketing" and the like),
 * inside the change's own transaction, so that what it writes commits or rolls back with the change (the
 * webhooks' outbox). Plain values only: the listener needs to know nothing of consent.
 */
@FunctionalInterface
public interface ConsentEvents {
    ConsentEvents NONE = (c, accountId, profileId, metric, at, properties) -> {};

    /**
     * @param metric     the event's Klaviyo system metric as a key ({@code subscribed_to_email_marketing})
     * @param properties the event's properties (how the change was asked for)
     */
    void recorded(Connection c, String accountId, String profileId, String metric, OffsetDateTime at,
                  Map<String, String> properties) throws SQLException;
}
