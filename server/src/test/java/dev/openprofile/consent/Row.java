package dev.openprofile.consent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of {@link ConsentRulesTest}: a starting state, a command, and what must come out. The
 * expectations start as "nothing changes" (the starting state's values, no effects, no history), so
 * a row names only what the command changes.
 */
final class Row {
    final String name;
    final ConsentState given;
    final ConsentCommand command;
    final Map<Channel, Consent> consents = new EnumMap<>(Channel.class);
    Set<SuppressionReason> suppressions = new HashSet<>();
    Set<String> listSuppressions = new HashSet<>();
    Set<String> pending = new HashSet<>();
    List<MembershipEffect> effects = List.of();
    int history;
    boolean nothingToConfirm;

    private Row(String name, ConsentState given, ConsentCommand command) {
        this.name = name;
        this.given = given;
        this.command = command;
        given.channels().forEach((channel, record) -> consents.put(channel, record.consent()));
        given.suppressions().forEach(s -> suppressions.add(s.reason()));
        given.listSuppressions().forEach(s -> listSuppressions.add(s.listId()));
        given.pending().forEach(p -> pending.add(key(p)));
    }

    static Row when(String name, ConsentState given, ConsentCommand command) {
        return new Row(name, given, command);
    }

    Row consent(Channel channel, Consent consent) {
        consents.put(channel, consent);
        return this;
    }

    Row suppressions(SuppressionReason... reasons) {
        suppressions = new HashSet<>(Arrays.asList(reasons));
        return this;
    }

    Row listSuppressions(String... listIds) {
        listSuppressions = new HashSet<>(Arrays.asList(listIds));
        return this;
    }

    /** Pending entries as {@code CHANNEL/listId} ({@code CHANNEL/null} without a list). */
    Row pending(String... keys) {
        pending = new HashSet<>(Arrays.asList(keys));
        return this;
    }

    Row effects(MembershipEffect... expected) {
        effects = new ArrayList<>(Arrays.asList(expected));
        return this;
    }

    Row history(int entries) {
        history = entries;
        return this;
    }

    Row nothingToConfirm() {
        nothingToConfirm = true;
        return this;
    }

    static String key(PendingOptIn p) {
        return p.channel() + "/" + p.listId();
    }

    @Override
    public String toString() {
        return name;
    }
}
