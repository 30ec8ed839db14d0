package dev.openprofile.backinstock;

import java.time.OffsetDateTime;
import java.util.List;

/** One profile's subscription to one catalog variant, on the channels it chose. */
public record BackInStockSubscription(String id, String profileId, String variantId, List<Channel> channels,
                                      OffsetDateTime created) {

    /** The channels a back in stock notification may go out on (the spec's enum). */
    public enum Channel { EMAIL, PUSH, SMS, WHATSAPP }
}
