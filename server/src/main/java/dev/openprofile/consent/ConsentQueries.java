package dev.openprofile.consent;

import dev.openprofile.jsonapi.filter.SqlFilter;
import java.util.Map;

/**
 * The SQL behind get_profiles' {@code subscriptions.*} filters and sorts, over profile {@code p}:
 * they read consent's suppression tables, so consent supplies them (see profiles' SubscriptionsView).
 */
public final class ConsentQueries {
    private static final String PREFIX = "subscriptions.email.marketing.";
    private static final String SUPPRESSIONS = ConsentStore.SUPPRESSION_TABLE
            + " s where s.account_id = p.account_id and s.profile_id = p.id";
    private static final String LIST_SUPPRESSIONS = ConsentStore.LIST_SUPPRESSION_TABLE
            + " s where s.account_id = p.account_id and s.profile_id = p.id";

    /** A profile matches when one of its suppressions does. */
    public static final Map<String, SqlFilter.Related> FILTERS = Map.of(
            PREFIX + "suppression.reason", new SqlFilter.Related(SUPPRESSIONS, "s.reason"),
            PREFIX + "suppression.timestamp", new SqlFilter.Related(SUPPRESSIONS, "s.suppressed_at"),
            PREFIX + "list_suppressions.list_id", new SqlFilter.Related(LIST_SUPPRESSIONS, "s.list_id"),
            PREFIX + "list_suppressions.reason", new SqlFilter.Related(LIST_SUPPRESSIONS, "s.reason"),
            PREFIX + "list_suppressions.timestamp", new SqlFilter.Related(LIST_SUPPRESSIONS, "s.suppressed_at"));

    /**
     * Sorting by a suppression timestamp orders by the profile's earliest one; profiles never
     * suppressed sort last ascending ('infinity'), so every profile has a place in the order. Not
     * index-backed: each page ranks the account's profiles (docs/compatibility.md).
     */
    public static final Map<String, String> SORT_KEYS = Map.of(
            PREFIX + "suppression.timestamp",
            "coalesce((select min(s.suppressed_at) from " + SUPPRESSIONS + "), 'infinity'::timestamptz)",
            PREFIX + "list_suppressions.timestamp",
            "coalesce((select min(s.suppressed_at) from " + LIST_SUPPRESSIONS + "), 'infinity'::timestamptz)");

    /**
     * A channel's stored consent over profile {@code p} (SUBSCRIBED, UNSUBSCRIBED, NEVER_SUBSCRIBED or
     * PENDING, which the wire shows as NEVER_SUBSCRIBED); no document means NEVER_SUBSCRIBED. For the
     * segment engine's consent conditions. {@code channel} is a {@link Channel} name.
     */
    public static String channelConsent(String channel) {
        Channel.valueOf(channel); // a name of ours, never a request value: fail loudly on a typo
        return "coalesce((select c.state #>> '{channels," + channel + ",consent}' from " + ConsentStore.CONSENT_TABLE
                + " c where c.account_id = p.account_id and c.profile_id = p.id), 'NEVER_SUBSCRIBED')";
    }

    /** Whether profile {@code p} holds a global email suppression (then it cannot receive email marketing). */
    private static final String EMAIL_SUPPRESSED = "exists (select 1 from " + SUPPRESSIONS + ")";

    /**
     * {@link ConsentState#canReceive} as SQL over profile {@code p}: email needs no global suppression and a consent
     * other than UNSUBSCRIBED and PENDING; every other channel needs SUBSCRIBED. The segment engine's consent
     * conditions and a campaign's audience both read it, so the rule has one spelling in SQL.
     */
    public static String canReceive(Channel channel) {
        String status = channelConsent(channel.name());
        return channel == Channel.EMAIL_MARKETING
                ? "(not " + EMAIL_SUPPRESSED + " and " + status + " not in ('UNSUBSCRIBED', 'PENDING'))"
                : "(" + status + " = 'SUBSCRIBED')";
    }

    private ConsentQueries() {}
}
