package dev.openprofile.segments.engine;

import java.util.List;
import java.util.Optional;

/** One condition of a segment definition: the condition schemas of the spec that OpenProfile evaluates. */
public sealed interface Condition {

    /** ProfilePropertyCondition: a standard attribute (email, location.city, created…) or a custom property. */
    record Property(ProfileField field, ValueFilter filter) implements Condition {}

    /** ProfileHas/NoGroupMembershipCondition: member of any of the lists (joined within the timeframe). */
    record GroupMembership(boolean member, List<String> listIds, Optional<ValueFilter.DateFilter> joined)
            implements Condition {}

    /** SegmentsProfileMetricCondition: how often (or how much) the profile did something in a timeframe. */
    record Metric(String metricId, boolean sum, ValueFilter.Numeric measurement, ValueFilter.DateFilter timeframe,
                  List<EventPropertyFilter> eventFilters) implements Condition {}

    /** ProfileMarketingConsentCondition without method or date filters. */
    record MarketingConsent(ConsentChannel channel, boolean canReceive, Subscription subscription) implements Condition {}

    /** ProfileRegionCondition: whether the profile's location is in the region. */
    record Region(boolean inRegion, Regions.Name region) implements Condition {}

    /** ProfileRandomSampleCondition: a stable pseudo-random share of the profiles, per segment. */
    record RandomSample(int percentage) implements Condition {}

    /** A filter on one property of the event a metric condition counts. */
    record EventPropertyFilter(String property, ValueFilter filter) {}

    enum ConsentChannel { EMAIL, SMS, PUSH }

    /** The {@code consent_status.subscription} of a consent condition. */
    enum Subscription { ANY, SUBSCRIBED, UNSUBSCRIBED, NEVER_SUBSCRIBED }
}
