package dev.openprofile.segments.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.consent.Channel;
import dev.openprofile.consent.ChannelConsent;
import dev.openprofile.consent.Consent;
import dev.openprofile.consent.ConsentState;
import dev.openprofile.consent.PendingOptIn;
import dev.openprofile.consent.Suppression;
import dev.openprofile.consent.SuppressionReason;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random data sets with the awkward cases on purpose: properties of mixed types under one key (strings
 * in different cases, numbers, numeric strings, booleans, dates in every accepted form and malformed
 * ones, lists, null, "" and [], or absent), countries of the regions in any case, memberships, consent
 * states of every kind, and events of three metrics around {@link Moments#NOW}.
 */
final class RandomDataSets {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Custom profile property keys, each with a usual type that other types sometimes replace. */
    static final List<String> PROFILE_KEYS = List.of("color", "score", "birthday", "tags", "vip", "Nick Name", "misc");
    static final List<String> WORDS = List.of("Red", "red", "RED", "reD", "Blue", "blue-green", "Navy Blue", "Straße",
            "ÉCOLE", "école", "ΟΔΟΣ", "οδοσ", "a.c", "abc123", "x", "", " red", "42", "Gift");
    static final List<String> COUNTRIES = List.of("DE", "de", "Germany", "GERMANY", "The Netherlands", "nld", "Czech Republic",
            "US", "usa", "United States of America", "united states", "Canada", "CA", "UK", "Deutschland", "", " de");
    private static final List<String> MALFORMED_DATES = List.of("2026-02-30", "2026-13-01", "15/07/2026", "2026-07-15T24:00",
            "2026-07-15T23:59:60", "0000-07-15", "2026-07-15T10:00+16:00", "2026-07-15T10:00+14:60", "2026-07-15T10:00+99",
            "2026-07-15T10:00:00.1234567Z", "2026-7-15", "2026-07-15T10", "2026-07-15t10:00", "2026-07-15T10:00z", "tomorrow");
    private static final List<String> OFFSETS = List.of("Z", "+00:00", "+05:30", "-0800", "+02", "-03:00", "+14:00", "-12");

    private RandomDataSets() {}

    static DataSet generate(Random r, int size) {
        List<DataSet.Profile> profiles = new ArrayList<>();
        List<DataSet.Membership> memberships = new ArrayList<>();
        Map<String, ConsentState> consents = new HashMap<>();
        List<DataSet.Event> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = String.format("P%05d", i);
            profiles.add(profile(r, id, i));
            for (String list : DataSet.LISTS) {
                if (r.nextInt(10) < 3) memberships.add(new DataSet.Membership(list, id, Moments.past(r)));
            }
            if (r.nextInt(4) > 0) consents.put(id, consent(r));
            int n = r.nextInt(4) == 0 ? 0 : r.nextInt(7);
            for (int e = 0; e < n; e++) events.add(event(r, "E" + events.size(), id));
        }
        return new DataSet(profiles, memberships, consents, events);
    }

    private static DataSet.Profile profile(Random r, String id, int i) {
        Map<String, String> columns = new HashMap<>();
        if (r.nextInt(10) > 0) columns.put("email", (r.nextBoolean() ? "user" : "User") + i + "@example.com");
        if (r.nextBoolean()) columns.put("phone_number", "+1555" + String.format("%07d", i));
        if (r.nextBoolean()) columns.put("external_id", "ext-" + i);
        for (String column : List.of("first_name", "last_name", "organization", "locale", "title", "image")) {
            if (r.nextInt(3) > 0) columns.put(column, pick(r, WORDS));
        }
        ObjectNode location = JSON.objectNode();
        if (r.nextInt(5) > 0) location.put("country", pick(r, COUNTRIES));
        for (String key : List.of("city", "region", "zip", "address1", "timezone")) {
            if (r.nextBoolean()) location.put(key, pick(r, WORDS));
        }
        for (String key : List.of("latitude", "longitude")) {
            switch (r.nextInt(5)) {
                case 0 -> location.put(key, new BigDecimal(r.nextInt(18000) - 9000).movePointLeft(2));
                case 1 -> location.put(key, r.nextInt(5) - 2);
                case 2 -> location.put(key, new BigDecimal(r.nextInt(18000) - 9000).movePointLeft(r.nextInt(3)).toPlainString());
                case 3 -> location.put(key, "north");
                default -> { }
            }
        }
        ObjectNode properties = JSON.objectNode();
        for (String key : PROFILE_KEYS) {
            if (r.nextInt(6) == 0) continue; // absent
            properties.set(key, r.nextInt(10) < 7 ? usual(r, key) : anyValue(r));
        }
        OffsetDateTime created = Moments.past(r);
        return new DataSet.Profile(id, columns, location, properties, created,
                r.nextBoolean() ? created : Moments.past(r), r.nextBoolean() ? Moments.any(r) : null);
    }

    private static JsonNode usual(Random r, String key) {
        return switch (key) {
            case "color", "Nick Name" -> JSON.textNode(pick(r, WORDS));
            case "score" -> r.nextBoolean() ? number(r) : JSON.textNode(numericString(r));
            case "birthday" -> JSON.textNode(r.nextInt(6) == 0 ? pick(r, MALFORMED_DATES) : dateString(r));
            case "tags" -> list(r);
            case "vip" -> JSON.booleanNode(r.nextBoolean());
            default -> anyValue(r);
        };
    }

    /** A value of any type, the empty ones included. */
    static JsonNode anyValue(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> JSON.textNode(pick(r, WORDS));
            case 1 -> number(r);
            case 2 -> JSON.textNode(numericString(r));
            case 3 -> JSON.booleanNode(r.nextBoolean());
            case 4 -> JSON.textNode(dateString(r));
            case 5 -> JSON.textNode(pick(r, MALFORMED_DATES));
            case 6 -> list(r);
            case 7 -> JSON.nullNode();
            case 8 -> JSON.textNode("");
            case 9 -> JSON.arrayNode();
            case 10 -> JSON.objectNode().put("a", 1);
            default -> JSON.textNode(pick(r, List.of("true", "1e3", "5.", "+5", " 5", "-0", "007", "1,5")));
        };
    }

    static JsonNode number(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> JSON.numberNode(r.nextInt(12) - 2);
            case 1 -> JSON.numberNode(new BigDecimal(r.nextInt(2000) - 200).movePointLeft(2));
            case 2 -> JSON.numberNode(new BigDecimal("2.50"));
            default -> JSON.numberNode(r.nextInt(200));
        };
    }

    static String numericString(Random r) {
        return pick(r, List.of("3", "03", "-2.50", "10", "0", "2.5", "11.999", "-1", "100"));
    }

    /** A list of words, numbers (as JSON numbers and strings), nulls or nested lists. */
    static ArrayNode list(Random r) {
        ArrayNode list = JSON.arrayNode();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(8)) {
                case 0 -> list.add(r.nextInt(5));
                case 1 -> list.add(String.valueOf(r.nextInt(5)));
                case 2 -> list.addNull();
                case 3 -> list.addArray().add("red");
                default -> list.add(pick(r, WORDS));
            }
        }
        return list;
    }

    /** A moment written in one of the forms Values.date reads (no offset: UTC). */
    static String dateString(Random r) {
        OffsetDateTime t = Moments.any(r);
        String offset = pick(r, OFFSETS);
        OffsetDateTime local = offset.equals("Z") ? t.withOffsetSameInstant(ZoneOffset.UTC) : t.withOffsetSameInstant(
                ZoneOffset.of(offset.length() == 3 ? offset : offset.replaceFirst("(\\d\\d)(\\d\\d)$", "$1:$2")));
        return switch (r.nextInt(6)) {
            case 0 -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
            case 1 -> t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
            case 2 -> t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            case 3 -> local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")) + offset;
            case 4 -> local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")) + offset;
            default -> local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")) + offset;
        };
    }

    private static ConsentState consent(Random r) {
        Map<Channel, ChannelConsent> channels = new EnumMap<>(Channel.class);
        List<PendingOptIn> pending = new ArrayList<>();
        OffsetDateTime at = Moments.past(r);
        for (Channel channel : List.of(Channel.EMAIL_MARKETING, Channel.SMS_MARKETING, Channel.MOBILE_PUSH_MARKETING)) {
            List<Consent> possible = channel.confirmsDoubleOptIn() ? List.of(Consent.values())
                    : List.of(Consent.SUBSCRIBED, Consent.UNSUBSCRIBED, Consent.NEVER_SUBSCRIBED);
            Consent consent = pick(r, possible);
            if (consent == Consent.NEVER_SUBSCRIBED) continue;
            channels.put(channel, new ChannelConsent(consent, at, at, "API", null, null, null));
            if (consent == Consent.PENDING) pending.add(new PendingOptIn(channel, "L1", at, "API", null, null));
        }
        Map<SuppressionReason, Suppression> suppressions = new EnumMap<>(SuppressionReason.class);
        for (int i = r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0; i > 0; i--) {
            SuppressionReason reason = pick(r, List.of(SuppressionReason.values()));
            suppressions.put(reason, new Suppression(reason, at));
        }
        return new ConsentState(channels, List.copyOf(suppressions.values()), List.of(), pending);
    }

    private static DataSet.Event event(Random r, String id, String profileId) {
        BigDecimal value = switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> BigDecimal.valueOf(r.nextInt(5));
            case 2 -> new BigDecimal(r.nextInt(10000) - 1000).movePointLeft(2);
            default -> BigDecimal.valueOf(r.nextInt(60));
        };
        ObjectNode properties = JSON.objectNode();
        if (r.nextInt(5) > 0) properties.put("Category", pick(r, WORDS));
        if (r.nextInt(3) > 0) properties.set("Items", list(r));
        if (r.nextInt(3) > 0) properties.set("Total", r.nextBoolean() ? number(r) : JSON.textNode(numericString(r)));
        if (r.nextInt(3) > 0) properties.set("Gift", r.nextInt(4) == 0 ? JSON.textNode("true") : JSON.booleanNode(r.nextBoolean()));
        if (r.nextInt(3) > 0) properties.set("Coupon", anyValue(r));
        return new DataSet.Event(id, pick(r, DataSet.METRICS), profileId, r.nextInt(8) == 0 ? Moments.any(r) : Moments.past(r),
                value, properties);
    }

    static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
