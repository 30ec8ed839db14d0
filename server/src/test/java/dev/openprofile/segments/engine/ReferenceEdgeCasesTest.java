package dev.openprofile.segments.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.consent.Channel;
import dev.openprofile.consent.ChannelConsent;
import dev.openprofile.consent.Consent;
import dev.openprofile.consent.ConsentState;
import dev.openprofile.consent.Suppression;
import dev.openprofile.consent.SuppressionReason;
import dev.openprofile.jsonapi.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tricky rules of segment definitions, each on a small data set written by hand: the engine's SQL
 * and the {@link ReferenceEvaluator} both select exactly the profiles named.
 */
class ReferenceEdgeCasesTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-07-15T14:30:00Z");
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static Connection db;

    @BeforeAll
    static void open() throws SQLException {
        db = DataSetRows.freshDatabase();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void existenceCountsNullAnEmptyStringAndAnEmptyListAsNotSet() throws Exception {
        DataSet data = new DataSet.Builder().profile("absent", "{}").profile("null", "{\"x\":null}")
                .profile("empty", "{\"x\":\"\"}").profile("none", "{\"x\":[]}").profile("text", "{\"x\":\"a\"}")
                .profile("zero", "{\"x\":0}").profile("false", "{\"x\":false}").profile("object", "{\"x\":{}}").build();
        selects(data, property("properties['x']", "{\"type\":\"existence\",\"operator\":\"is-set\"}"),
                "text", "zero", "false", "object");
        selects(data, property("properties['x']", "{\"type\":\"existence\",\"operator\":\"not-set\"}"),
                "absent", "null", "empty", "none");
    }

    @Test
    void negatedOperatorsNeverMatchAnAbsentValueOrOneOfAnotherType() throws Exception {
        DataSet data = new DataSet.Builder().profile("red", "{\"c\":\"Red\"}").profile("blue", "{\"c\":\"Blue\"}")
                .profile("absent", "{}").profile("null", "{\"c\":null}").profile("number", "{\"c\":5}")
                .profile("list", "{\"c\":[\"blue\"]}").build();
        selects(data, property("properties['c']", text("not-equals", "red")), "blue");
        selects(data, property("properties['c']", text("not-contains", "e")));
        selects(data, property("properties['c']", "{\"type\":\"string\",\"operator\":\"not-in\",\"value\":[\"RED\"]}"), "blue");
        selects(data, property("properties['c']", "{\"type\":\"numeric\",\"operator\":\"not-equals\",\"value\":4}"), "number");
        selects(data, property("properties['c']", "{\"type\":\"list\",\"operator\":\"not-contains\",\"value\":\"red\"}"), "list");
    }

    @Test
    void textIgnoresCaseButRegularExpressionsDoNot() throws Exception {
        DataSet data = new DataSet.Builder().profile("upper", "{\"c\":\"RED\"}").profile("lower", "{\"c\":\"red\"}")
                .profile("navy", "{\"c\":\"Navy Blue\"}").build();
        selects(data, property("properties['c']", text("equals", "Red")), "upper", "lower");
        selects(data, property("properties['c']", text("contains", "BLUE")), "navy");
        selects(data, property("properties['c']", text("starts-with", "nAV")), "navy");
        selects(data, property("properties['c']", text("ends-with", "ED")), "upper", "lower");
        selects(data, property("properties['c']", "{\"type\":\"string\",\"operator\":\"in\",\"value\":[\"rEd\"]}"),
                "upper", "lower");
        selects(data, property("properties['c']", text("regex", "^R")), "upper");
        selects(data, property("properties['c']", text("nregex", "^R")), "lower", "navy");
    }

    @Test
    void textInAListIgnoresCaseAsLowerDoesEvenForAWordFinalSigma() throws Exception {
        DataSet data = new DataSet.Builder().profile("upper", "{\"c\":\"ΟΔΟΣ\"}").profile("other", "{\"c\":\"ΟΔΟ\"}").build();
        selects(data, property("properties['c']", "{\"type\":\"string\",\"operator\":\"in\",\"value\":[\"ΟΔΟΣ\"]}"), "upper");
        selects(data, property("properties['c']", "{\"type\":\"string\",\"operator\":\"not-in\",\"value\":[\"ΟΔΟΣ\"]}"), "other");
        selects(data, property("properties['c']", text("equals", "ΟΔΟΣ")), "upper");
    }

    @Test
    void jsonNumbersAndPlainDecimalStringsAreNumbers() throws Exception {
        DataSet data = new DataSet.Builder().profile("number", "{\"s\":3}").profile("string", "{\"s\":\"3\"}")
                .profile("padded", "{\"s\":\"03\"}").profile("decimal", "{\"s\":\"3.0\"}").profile("more", "{\"s\":\"3.5\"}")
                .profile("exponent", "{\"s\":\"1e1\"}").profile("plus", "{\"s\":\"+3\"}").profile("space", "{\"s\":\" 3\"}")
                .profile("boolean", "{\"s\":true}").profile("word", "{\"s\":\"three\"}").build();
        selects(data, property("properties['s']", "{\"type\":\"numeric\",\"operator\":\"equals\",\"value\":3}"),
                "number", "string", "padded", "decimal");
        selects(data, property("properties['s']", "{\"type\":\"numeric\",\"operator\":\"not-equals\",\"value\":3}"), "more");
        selects(data, property("properties['s']", "{\"type\":\"numeric\",\"operator\":\"greater-than\",\"value\":3.2}"), "more");
    }

    @Test
    void malformedDateStringsAreNoDatesAndCalendarPositionsAreInUtc() throws Exception {
        DataSet data = new DataSet.Builder().profile("day", "{\"d\":\"2026-07-01\"}")
                .profile("offset", "{\"d\":\"2026-07-01T10:00:00+05:30\"}").profile("feb30", "{\"d\":\"2026-02-30\"}")
                .profile("us", "{\"d\":\"07/01/2026\"}").profile("midnight24", "{\"d\":\"2026-07-01T24:00\"}")
                .profile("word", "{\"d\":\"tomorrow\"}").profile("number", "{\"d\":20260701}")
                .profile("lateInNewYork", "{\"d\":\"2020-07-15T23:30:00-05:00\"}")
                .profile("earlyInKarachi", "{\"d\":\"2000-07-16T02:00:00+05:00\"}").build();
        selects(data, property("properties['d']", "{\"type\":\"date\",\"operator\":\"between-static\","
                + "\"start\":\"2026-06-01T00:00:00Z\",\"end\":\"2026-07-02T00:00:00Z\"}"), "day", "offset");
        selects(data, property("properties['d']", "{\"type\":\"date\",\"operator\":\"anniversary\"}"), "earlyInKarachi");
        selects(data, property("properties['d']", "{\"type\":\"date\",\"operator\":\"calendar-month\",\"value\":2}"));
    }

    @Test
    void aDateOutOfRangeIsNoDateInEitherPath() throws Exception {
        DataSet data = new DataSet.Builder().profile("leapSecond", "{\"d\":\"2026-07-01T23:59:60\"}")
                .profile("yearZero", "{\"d\":\"0000-07-01\"}").profile("offset16", "{\"d\":\"2026-07-01T10:00+16:00\"}")
                .profile("offsetMinute60", "{\"d\":\"2026-07-01T10:00+14:60\"}")
                .profile("offset15", "{\"d\":\"2026-07-01T10:00+15:30\"}").profile("spaced", "{\"d\":\"2026-07-01 10:00\"}")
                .build();
        selects(data, property("properties['d']", "{\"type\":\"date\",\"operator\":\"before\",\"date\":\"2030-01-01T00:00:00Z\"}"),
                "offset15", "spaced");
    }

    @Test
    void aCountOfZeroSelectsProfilesWithoutMatchingEvents() throws Exception {
        DataSet data = new DataSet.Builder().profile("none", "{}").profile("old", "{}").profile("recent", "{}")
                .profile("other", "{}").profile("filtered", "{}")
                .event("M1", "old", "2026-05-01T00:00:00Z", null, "{\"Category\":\"Shoes\"}")
                .event("M1", "recent", "2026-07-10T00:00:00Z", null, "{\"Category\":\"shoes\"}")
                .event("M2", "other", "2026-07-10T00:00:00Z", null, "{\"Category\":\"Shoes\"}")
                .event("M1", "filtered", "2026-07-10T00:00:00Z", null, "{\"Category\":\"Hats\"}").build();
        String filters = ",\"metric_filters\":[{\"property\":\"Category\",\"filter\":" + text("equals", "SHOES") + "}]";
        selects(data, metric("count", "equals", "0", filters), "none", "old", "other", "filtered");
        selects(data, metric("count", "greater-than-or-equal", "1", filters), "recent");
        selects(data, metric("count", "less-than", "1", ""), "none", "old", "other");
    }

    @Test
    void aSumCountsEventsWithoutAValueAsZero() throws Exception {
        DataSet data = new DataSet.Builder().profile("nulls", "{}").profile("five", "{}").profile("none", "{}")
                .profile("cancelled", "{}")
                .event("M1", "nulls", "2026-07-10T00:00:00Z", null, "{}").event("M1", "nulls", "2026-07-11T00:00:00Z", null, "{}")
                .event("M1", "five", "2026-07-10T00:00:00Z", "5", "{}").event("M1", "five", "2026-07-11T00:00:00Z", null, "{}")
                .event("M1", "cancelled", "2026-07-10T00:00:00Z", "-5", "{}")
                .event("M1", "cancelled", "2026-07-11T00:00:00Z", "5", "{}").build();
        selects(data, metric("sum", "equals", "0", ""), "nulls", "none", "cancelled");
        selects(data, metric("sum", "greater-than-or-equal", "5", ""), "five");
        selects(data, metric("sum", "not-equals", "5", ""), "nulls", "none", "cancelled");
    }

    @Test
    void notInAListMeansInNoneOfThem() throws Exception {
        DataSet data = new DataSet.Builder().profile("first", "{}").profile("second", "{}").profile("neither", "{}")
                .profile("both", "{}").member("L1", "first", "2026-07-14T00:00:00Z").member("L2", "second", "2026-01-01T00:00:00Z")
                .member("L1", "both", "2025-01-01T00:00:00Z").member("L3", "both", "2026-07-14T00:00:00Z").build();
        selects(data, membership(false, "[\"L1\",\"L3\"]", ""), "second", "neither");
        selects(data, membership(true, "[\"L1\",\"L3\"]", ""), "first", "both");
        selects(data, membership(true, "[\"L1\"]",
                ",\"timeframe_filter\":{\"type\":\"date\",\"operator\":\"in-the-last\",\"unit\":\"day\",\"quantity\":7}"), "first");
    }

    @Test
    void suppressedOrPendingEmailCannotReceiveAndSmsNeedsASubscription() throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        ChannelConsent subscribed = new ChannelConsent(Consent.SUBSCRIBED, at, at, "API", null, null, null);
        ChannelConsent pending = new ChannelConsent(Consent.PENDING, at, at, "API", null, null, null);
        DataSet data = new DataSet.Builder().profile("untouched", "{}").profile("subscribed", "{}")
                .profile("suppressed", "{}").profile("pending", "{}").profile("sms", "{}")
                .consent("subscribed", new ConsentState(Map.of(Channel.EMAIL_MARKETING, subscribed), List.of(), List.of(), List.of()))
                .consent("suppressed", new ConsentState(Map.of(Channel.EMAIL_MARKETING, subscribed),
                        List.of(new Suppression(SuppressionReason.HARD_BOUNCE, at)), List.of(), List.of()))
                .consent("pending", new ConsentState(Map.of(Channel.EMAIL_MARKETING, pending), List.of(), List.of(), List.of()))
                .consent("sms", new ConsentState(Map.of(Channel.SMS_MARKETING, subscribed), List.of(), List.of(), List.of()))
                .build();
        selects(data, consent("email", true, "any"), "untouched", "subscribed", "sms");
        selects(data, consent("email", false, "subscribed"), "suppressed");
        selects(data, consent("email", false, "never_subscribed"), "pending");
        selects(data, consent("sms", true, "subscribed"), "sms");
    }

    @Test
    void aRegionIsReadFromTheCountryInAnyCaseAndAProfileWithoutOneIsOutside() throws Exception {
        DataSet data = new DataSet.Builder().profile("de", Map.of(), "{\"country\":\"de\"}", "{}")
                .profile("deu", Map.of(), "{\"country\":\"DEU\"}", "{}")
                .profile("name", Map.of(), "{\"country\":\"GERMANY\"}", "{}")
                .profile("spaced", Map.of(), "{\"country\":\" de\"}", "{}")
                .profile("us", Map.of(), "{\"country\":\"usa\"}", "{}").profile("none", "{}").build();
        selects(data, "{\"type\":\"profile-region\",\"in_region\":true,\"region\":\"european_union\"}", "de", "deu", "name");
        selects(data, "{\"type\":\"profile-region\",\"in_region\":false,\"region\":\"european_union\"}", "spaced", "us", "none");
    }

    @Test
    void aListHoldsAllOrAnyOfSomeValues() throws Exception {
        DataSet data = new DataSet.Builder().profile("ab", "{\"t\":[\"a\",\"b\"]}").profile("b", "{\"t\":[\"b\"]}")
                .profile("none", "{\"t\":[]}").profile("text", "{\"t\":\"a\"}").build();
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains-any\",\"value\":[\"a\",\"c\"]}"),
                "ab");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"not-contains-any\",\"value\":[\"a\"]}"),
                "b", "none");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains-all\",\"value\":[\"b\",\"a\"]}"),
                "ab");
    }

    @Test
    void aSubstringIsSoughtInTheItemsThatAreText() throws Exception {
        DataSet data = new DataSet.Builder().profile("text", "{\"t\":[\"x\",\"Red\"]}").profile("nested", "{\"t\":[[\"red\"]]}")
                .profile("number", "{\"t\":[12]}").profile("other", "{\"t\":[\"x\"]}").build();
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains-substring\",\"value\":\"rE\"}"),
                "text");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains-substring\",\"value\":\"1\"}"));
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"not-contains-substring\",\"value\":\"[\"}"),
                "text", "nested", "number", "other");
    }

    @Test
    void aListHoldsTextIgnoringCaseAndNumbersByValue() throws Exception {
        DataSet data = new DataSet.Builder().profile("red", "{\"t\":[\"Red\",\"x\"]}").profile("upper", "{\"t\":[\"RED\"]}")
                .profile("one", "{\"t\":[1]}").profile("oneText", "{\"t\":[\"1\"]}").profile("oneDecimal", "{\"t\":[1.0]}")
                .profile("text", "{\"t\":\"red\"}").build();
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains\",\"value\":\"red\"}"),
                "red", "upper");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"not-contains\",\"value\":\"red\"}"),
                "one", "oneText", "oneDecimal");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains\",\"value\":1}"),
                "one", "oneText", "oneDecimal");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains-all\",\"value\":[\"RED\",\"X\"]}"),
                "red");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"contains-any\",\"value\":[\"rED\"]}"),
                "red", "upper");
    }

    @Test
    void anEmptyTextAttributeIsNotSet() throws Exception {
        DataSet data = new DataSet.Builder().profile("named", Map.of("first_name", "Ada"), "{\"city\":\"Paris\"}", "{}")
                .profile("empty", Map.of("first_name", ""), "{\"city\":\"\"}", "{}").profile("none", "{}").build();
        selects(data, property("first_name", "{\"type\":\"existence\",\"operator\":\"is-set\"}"), "named");
        selects(data, property("first_name", "{\"type\":\"existence\",\"operator\":\"not-set\"}"), "empty", "none");
        selects(data, property("location.city", "{\"type\":\"existence\",\"operator\":\"not-set\"}"), "empty", "none");
    }

    @Test
    void aListFilterOnAValueThatIsNoListMatchesNothingAndFailsNothing() throws Exception {
        DataSet data = new DataSet.Builder().profile("list", "{\"t\":[\"a\",\"b\"]}").profile("text", "{\"t\":\"ab\"}")
                .profile("number", "{\"t\":2}")
                .event("M1", "list", "2026-07-10T00:00:00Z", null, "{\"Items\":[\"a\"]}")
                .event("M1", "text", "2026-07-10T00:00:00Z", null, "{\"Items\":\"a\"}")
                .event("M1", "number", "2026-07-10T00:00:00Z", null, "{\"Items\":1}").build();
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"length-greater-than\",\"value\":1}"),
                "list");
        selects(data, property("properties['t']", "{\"type\":\"list\",\"operator\":\"not-contains-substring\",\"value\":\"z\"}"),
                "list");
        selects(data, metric("count", "greater-than", "0", ",\"metric_filters\":[{\"property\":\"Items\",\"filter\":"
                + "{\"type\":\"list\",\"operator\":\"length-equals\",\"value\":1}}]"), "list");
    }

    @Test
    void aCoordinateSentAsADecimalStringIsANumber() throws Exception {
        DataSet data = new DataSet.Builder().profile("number", Map.of(), "{\"latitude\":40.7}", "{}")
                .profile("string", Map.of(), "{\"latitude\":\"40.7\"}", "{}")
                .profile("word", Map.of(), "{\"latitude\":\"north\"}", "{}").profile("none", "{}").build();
        selects(data, property("location.latitude", "{\"type\":\"numeric\",\"operator\":\"greater-than\",\"value\":40}"),
                "number", "string");
        selects(data, property("location.latitude", "{\"type\":\"existence\",\"operator\":\"is-set\"}"),
                "number", "string", "word");
    }

    /** Both the engine and the reference select exactly {@code expected} with the one-condition definition. */
    static void selects(DataSet data, String condition, String... expected) throws Exception {
        String account = "edge-" + ACCOUNTS.incrementAndGet();
        DataSetRows.insert(db, account, data);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree("{\"condition_groups\":[{\"conditions\":[" + condition + "]}]}");
        Definition definition = new DefinitionParser(DataSetRows.REFERENCES).parse(account, json, "/definition");
        assertThat(new SegmentEngine().members(db, account, "S1", definition, NOW)).as("SQL: %s", condition)
                .containsExactlyInAnyOrder(expected);
        assertThat(new ReferenceEvaluator(data, NOW).members("S1", definition)).as("reference: %s", condition)
                .containsExactlyInAnyOrder(expected);
    }

    static String property(String property, String filter) {
        return "{\"type\":\"profile-property\",\"property\":\"" + property + "\",\"filter\":" + filter + "}";
    }

    static String text(String operator, String value) {
        return "{\"type\":\"string\",\"operator\":\"" + operator + "\",\"value\":"
                + (value == null ? "null" : "\"" + value + "\"") + "}";
    }

    /** M1 counted or summed over the last 30 days. */
    static String metric(String measurement, String operator, String value, String filters) {
        return "{\"type\":\"profile-metric\",\"metric_id\":\"M1\",\"measurement\":\"" + measurement + "\","
                + "\"measurement_filter\":{\"type\":\"numeric\",\"operator\":\"" + operator + "\",\"value\":" + value + "},"
                + "\"timeframe_filter\":{\"type\":\"date\",\"operator\":\"in-the-last\",\"unit\":\"day\",\"quantity\":30}"
                + filters + "}";
    }

    static String membership(boolean member, String lists, String timeframe) {
        return "{\"type\":\"profile-group-membership\",\"is_member\":" + member + ",\"group_ids\":" + lists + timeframe + "}";
    }

    static String consent(String channel, boolean canReceive, String subscription) {
        return "{\"type\":\"profile-marketing-consent\",\"consent\":{\"channel\":\"" + channel + "\",\"can_receive_marketing\":"
                + canReceive + ",\"consent_status\":{\"subscription\":\"" + subscription + "\"}}}";
    }
}
