package dev.openprofile.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.auth.AccountStore.Account;
import dev.openprofile.consent.UnsubscribeScope;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validated change of account settings: every key checked, with the pointer of the first bad one,
 * before anything is written. Keys absent from the patch keep their value.
 */
final class AccountPatch {
    static final String NAME = "name";
    static final String DEFAULT_OPT_IN = "default_opt_in";
    static final String UNSUBSCRIBE_SCOPE = "unsubscribe_scope";
    static final String TIMEZONE = "timezone";
    static final String CURRENCY = "preferred_currency";
    static final String LOCALE = "locale";
    static final String INDUSTRY = "industry";
    static final String TEST_ACCOUNT = "test_account";
    static final String CONTACT = "contact_information";
    static final String SMS_AGE_GATE = "sms_age_gate";
    static final List<String> SETTINGS = List.of(NAME, DEFAULT_OPT_IN, UNSUBSCRIBE_SCOPE, TIMEZONE, CURRENCY, LOCALE,
            INDUSTRY, TEST_ACCOUNT, CONTACT, SMS_AGE_GATE);
    static final List<String> CONTACT_KEYS = List.of("default_sender_name", "default_sender_email", "website_url",
            "organization_name", "street_address");
    static final List<String> ADDRESS_KEYS = List.of("address1", "address2", "city", "region", "country", "zip");
    private static final Set<String> OPT_IN = Set.of("single_opt_in", "double_opt_in");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    // The shape Klaviyo's own email checks accept: something@domain.tld, no spaces.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]+");

    private final ObjectNode patch;

    private AccountPatch(ObjectNode patch) {
        this.patch = patch;
    }

    static AccountPatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.invalidPointer("/", "The body must be a JSON object of the settings to change.");
        }
        ObjectNode patch = (ObjectNode) body;
        for (String key : (Iterable<String>) patch::fieldNames) {
            if (!SETTINGS.contains(key)) throw notASetting("", key, SETTINGS);
        }
        if (patch.has(NAME)) validateName(string(patch, NAME, "/" + NAME, false), "/" + NAME);
        oneOf(patch, DEFAULT_OPT_IN, OPT_IN.stream().sorted().toList());
        oneOf(patch, UNSUBSCRIBE_SCOPE, Arrays.stream(UnsubscribeScope.values()).map(s -> s.wire).toList());
        if (patch.has(TIMEZONE)) {
            String zone = string(patch, TIMEZONE, "/" + TIMEZONE, false);
            if (!ZoneId.getAvailableZoneIds().contains(zone)) {
                throw invalid("/" + TIMEZONE, "'" + zone + "' is not an IANA timezone (e.g. 'US/Eastern', 'Europe/Paris', 'UTC').");
            }
        }
        if (patch.has(CURRENCY)) {
            String code = string(patch, CURRENCY, "/" + CURRENCY, false);
            if (!isCurrency(code)) throw invalid("/" + CURRENCY, "'" + code + "' is not an ISO 4217 currency code (e.g. 'USD').");
        }
        if (patch.has(LOCALE)) {
            String tag = string(patch, LOCALE, "/" + LOCALE, false);
            if (!isLocale(tag)) throw invalid("/" + LOCALE, "'" + tag + "' is not a locale such as 'en-US'.");
        }
        if (patch.has(INDUSTRY)) string(patch, INDUSTRY, "/" + INDUSTRY, true);
        for (String flag : List.of(TEST_ACCOUNT, SMS_AGE_GATE)) {
            if (patch.has(flag) && !patch.get(flag).isBoolean()) throw invalid("/" + flag, "'" + flag + "' must be true or false.");
        }
        if (patch.has(CONTACT)) contact(patch.get(CONTACT));
        return new AccountPatch(patch);
    }

    static void validateName(String name, String pointer) {
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid(pointer, "An account name is 1 to 100 characters, not blank, without control characters.");
        }
    }

    boolean isEmpty() {
        return patch.isEmpty();
    }

    Optional<String> name() {
        return Optional.ofNullable(patch.get(NAME)).map(JsonNode::asText);
    }

    Account applyTo(Account a) {
        ObjectNode contact = (ObjectNode) tree(a.contactInformation());
        JsonNode change = patch.get(CONTACT);
        if (change != null) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) change::fields) {
                if (!e.getKey().equals("street_address")) {
                    contact.set(e.getKey(), e.getValue());
                    continue;
                }
                ObjectNode address = contact.get("street_address") instanceof ObjectNode o ? o : contact.putObject("street_address");
                if (e.getValue().isNull()) contact.remove("street_address");
                else e.getValue().fields().forEachRemaining(f -> address.set(f.getKey(), f.getValue()));
            }
        }
        return new Account(a.accountId(), text(NAME, a.name()), a.publicKey(), text(DEFAULT_OPT_IN, a.defaultOptIn()),
                text(UNSUBSCRIBE_SCOPE, a.unsubscribeScope()), text(TIMEZONE, a.timezone()), text(CURRENCY, a.preferredCurrency()),
                text(LOCALE, a.locale()), patch.has(INDUSTRY) ? nullable(patch.get(INDUSTRY)) : a.industry(),
                patch.has(TEST_ACCOUNT) ? patch.get(TEST_ACCOUNT).asBoolean() : a.testAccount(), contact.toString(),
                patch.has(SMS_AGE_GATE) ? patch.get(SMS_AGE_GATE).asBoolean() : a.smsAgeGate());
    }

    /** The stored contact-information object. */
    static JsonNode tree(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node.isObject() ? node : Json.MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the account table holds JSON objects", e);
        }
    }

    private String text(String key, String current) {
        return patch.has(key) ? patch.get(key).asText() : current;
    }

    private static String nullable(JsonNode v) {
        return v.isNull() ? null : v.asText();
    }

    private static void contact(JsonNode contact) {
        String at = "/" + CONTACT;
        if (!contact.isObject()) throw invalid(at, "'" + CONTACT + "' must be an object of " + String.join(", ", CONTACT_KEYS) + ".");
        for (String key : (Iterable<String>) contact::fieldNames) {
            if (!CONTACT_KEYS.contains(key)) throw notASetting(at, key, CONTACT_KEYS);
        }
        // The spec requires the names and the sender email to be strings; the website may be null.
        for (String key : List.of("default_sender_name", "organization_name")) {
            if (contact.has(key)) string(contact, key, at + "/" + key, false);
        }
        if (contact.has("default_sender_email")) {
            String email = string(contact, "default_sender_email", at + "/default_sender_email", false);
            if (!EMAIL.matcher(email).matches()) throw invalid(at + "/default_sender_email", "'" + email + "' is not an email address.");
        }
        if (contact.has("website_url")) {
            String url = string(contact, "website_url", at + "/website_url", true);
            if (url != null && !URL.matcher(url).matches()) throw invalid(at + "/website_url", "'" + url + "' is not an http(s) URL.");
        }
        JsonNode address = contact.get("street_address");
        if (address == null || address.isNull()) return;
        String addressAt = at + "/street_address";
        if (!address.isObject()) throw invalid(addressAt, "'street_address' must be an object of " + String.join(", ", ADDRESS_KEYS) + ".");
        for (String key : (Iterable<String>) address::fieldNames) {
            if (!ADDRESS_KEYS.contains(key)) throw notASetting(addressAt, key, ADDRESS_KEYS);
            string(address, key, addressAt + "/" + key, true);
        }
        JsonNode country = address.get("country");
        if (country != null && !country.isNull() && !COUNTRIES.contains(country.asText())) {
            throw invalid(addressAt + "/country", "'" + country.asText() + "' is not a two-letter ISO country code (e.g. 'US').");
        }
    }

    private static void oneOf(ObjectNode patch, String key, List<String> choices) {
        if (!patch.has(key)) return;
        JsonNode v = patch.get(key);
        if (!v.isTextual() || !choices.contains(v.asText())) {
            throw invalid("/" + key, "'" + key + "' must be " + choices.stream().map(c -> "'" + c + "'")
                    .collect(Collectors.joining(" or ")) + "; got " + v + ".");
        }
    }

    private static String string(JsonNode node, String key, String pointer, boolean nullable) {
        JsonNode v = node.get(key);
        if (v.isNull() && nullable) return null;
        if (!v.isTextual()) throw invalid(pointer, "'" + key + "' must be a string" + (nullable ? " or null" : "") + "; got " + v + ".");
        return v.asText();
    }

    private static boolean isCurrency(String code) {
        try {
            return code.equals(code.toUpperCase(Locale.ROOT)) && Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLocale(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return !locale.getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    private static ApiError notASetting(String at, String key, List<String> known) {
        return invalid(at + "/" + key.replace("~", "~0").replace("/", "~1"),
                "'" + key + "' is not a setting that can be changed; the settings are: " + String.join(", ", known) + ".");
    }

    private static ApiError invalid(String pointer, String detail) {
        return ApiError.invalidPointer(pointer, detail);
    }
}
