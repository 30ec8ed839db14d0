package dev.openprofile.consent;

import java.util.Arrays;
import java.util.Optional;

/**
 * An account's unsubscribe setting: what an unsubscribe from a list does to email marketing. GLOBAL
 * is Klaviyo's default ("Choose whether you want someone to be unsubscribed from all lists whenever
 * they unsubscribe. This is checked by default"); LIST is the paid-account alternative, where "those
 * who unsubscribe from a list-based send will only be suppressed from the list". It is an email
 * setting: the other channels have no list-level consent, so they always unsubscribe globally.
 */
public enum UnsubscribeScope {
    GLOBAL("global"),
    LIST("list");

    /** How the setting is written in the account table, the admin API and the CLI. */
    public final String wire;

    UnsubscribeScope(String wire) {
        this.wire = wire;
    }

    public static Optional<UnsubscribeScope> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
