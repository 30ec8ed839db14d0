package dev.openprofile.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.openprofile.jsonapi.ApiError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Klaviyo's SMS age-gating (help.klaviyo.com article 17252552814875, "Age-gating"): on an age-gated account a
 * profile becomes an SMS subscriber only if its date of birth makes it at least the minimum age of its phone
 * number's country, and not at all in the countries where Klaviyo offers no age-gating. Email is not gated.
 */
final class SmsAgeGate {
    static final String FIELD = "age_gated_date_of_birth";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** The minimum ages the article lists; any other country where SMS is available: 18 (decided). */
    private static final Map<String, Integer> MINIMUM_AGE = Map.ofEntries(Map.entry("US", 21), Map.entry("GB", 18),
            Map.entry("DE", 18), Map.entry("IE", 18), Map.entry("AU", 18), Map.entry("FR", 18), Map.entry("BE", 18),
            Map.entry("AT", 18), Map.entry("ES", 18), Map.entry("IT", 18), Map.entry("PT", 18), Map.entry("CH", 16));
    private static final int OTHER_COUNTRIES = 18;
    /** "Most countries where SMS is available, except Canada, New Zealand, Denmark, Norway, Finland, and Sweden." */
    private static final Set<String> UNAVAILABLE = Set.of("CA", "NZ", "DK", "NO", "FI", "SE");

    private SmsAgeGate() {}

    /** The date of birth a profile gives, checked on every account (a date, not in the future); null when none. */
    static LocalDate dateOfBirth(JsonNode attributes, String base, LocalDate today) {
        JsonNode v = attributes.get(FIELD);
        if (v == null || v.isNull()) return null;
        String pointer = base + "/" + FIELD;
        LocalDate date;
        try {
            if (!v.isTextual()) throw new DateTimeParseException("not text", v.toString(), 0);
            date = LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw ApiError.invalidPointer(pointer, "'" + FIELD + "' must be a date (YYYY-MM-DD).");
        }
        if (date.isAfter(today)) throw ApiError.invalidPointer(pointer, "'" + FIELD + "' cannot be in the future.");
        return date;
    }

    /**
     * On an age-gated account, refuses SMS consent for a profile whose date of birth is missing or too recent for
     * its phone's country, or whose country has no age-gating.
     *
     * @param phone the profile's phone number, E.164 (the input's identifier rules have run)
     */
    static void check(LocalDate dateOfBirth, String phone, String base, LocalDate today) {
        String region = region(phone);
        if (UNAVAILABLE.contains(region)) {
            throw ApiError.invalidPointer(base + "/phone_number", "This account is age-gated, and age-gating for SMS "
                    + "is not available in " + region + ": the profile cannot be subscribed to SMS.");
        }
        String pointer = base + "/" + FIELD;
        if (dateOfBirth == null) {
            throw ApiError.invalidPointer(pointer, "'" + FIELD + "' is required to subscribe a profile to SMS on an "
                    + "age-gated account.");
        }
        int minimum = MINIMUM_AGE.getOrDefault(region, OTHER_COUNTRIES);
        if (dateOfBirth.plusYears(minimum).isAfter(today)) {
            throw ApiError.invalidPointer(pointer, "The profile is under " + minimum + ", the minimum age for SMS in "
                    + region + ": it cannot be subscribed to SMS.");
        }
    }

    private static String region(String phone) {
        try {
            String region = PHONES.getRegionCodeForNumber(PHONES.parse(phone, null));
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ"; // cannot happen after the identifier rules; an unknown region gets the general age
        }
    }
}
