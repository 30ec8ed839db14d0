package dev.openprofile.reporting;

import static dev.openprofile.reporting.ReportFixtures.campaign;
import static dev.openprofile.reporting.ReportFixtures.email;
import static dev.openprofile.reporting.ReportFixtures.event;
import static dev.openprofile.reporting.ReportFixtures.message;
import static dev.openprofile.reporting.ReportFixtures.metricId;
import static dev.openprofile.reporting.ReportFixtures.report;
import static dev.openprofile.reporting.ReportFixtures.results;
import static dev.openprofile.reporting.ReportFixtures.sms;
import static dev.openprofile.reporting.ReportFixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.MutableClock;
import dev.openprofile.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * query_campaign_values over HTTP: every statistic computed from the message events and attributed conversions of a
 * campaign sent in the timeframe, groupings (channel, names, tags), filters, and the send-date rule.
 */
class CampaignReportsTest {
    static final String OP = "query_campaign_values";
    static final String WEEK = "\"timeframe\":{\"start\":\"2026-09-01T00:00:00\",\"end\":\"2026-09-08T00:00:00\"}";
    static TestServer server;
    static Api api;
    static String orders;
    static ReportFixtures.Campaign spring;
    static ReportFixtures.Campaign text;
    static ReportFixtures.Campaign earlier;

    @BeforeAll
    static void start() {
        server = TestServer.start(new MutableClock(Instant.parse("2026-09-16T15:00:00Z")));
        TestServer.Account account = server.newAccount("reporting-campaigns-");
        api = account.api();
        spring = campaign(api, "Spring sale", email("Main A"));
        text = campaign(api, "Text blast", sms());
        earlier = campaign(api, "Earlier", email("Old"));
        tag(api, "Spring", "campaign", spring.id());
        tag(api, "Promo", "campaign", spring.id());
        for (String who : List.of("ada", "bob", "cy", "dee")) message(api, "Received Email", who + "@r.example", "2026-09-02T10:00:00Z", spring.messageId());
        message(api, "Bounced Email", "dee@r.example", "2026-09-02T10:01:00Z", spring.messageId());
        message(api, "Opened Email", "ada@r.example", "2026-09-02T11:00:00Z", spring.messageId());
        message(api, "Opened Email", "ada@r.example", "2026-09-02T12:00:00Z", spring.messageId());
        message(api, "Opened Email", "bob@r.example", "2026-09-03T09:00:00Z", spring.messageId());
        // After the timeframe, but the campaign was sent in it: counted (reports go by send date).
        message(api, "Opened Email", "cy@r.example", "2026-09-09T09:00:00Z", spring.messageId());
        message(api, "Clicked Email", "ada@r.example", "2026-09-02T11:05:00Z", spring.messageId());
        message(api, "Unsubscribed", "bob@r.example", "2026-09-03T09:05:00Z", spring.messageId());
        message(api, "Marked Email as Spam", "cy@r.example", "2026-09-04T09:05:00Z", spring.messageId());
        // Not Klaviyo's own metric: an API "Opened Email" is not a message event.
        event(api, "Opened Email", null, "dee@r.example", "2026-09-02T13:00:00Z", "{\"$message\":\"" + spring.messageId() + "\"}", null);
        event(api, "Placed Order", null, "ada@r.example", "2026-09-03T10:00:00Z", "{\"$attributed_message\":\"" + spring.messageId() + "\"}", "30.00");
        event(api, "Placed Order", null, "bob@r.example", "2026-09-10T10:00:00Z", "{\"$attributed_message\":\"" + spring.messageId() + "\"}", "20");
        event(api, "Placed Order", null, "cy@r.example", "2026-09-03T10:00:00Z", "{}", "99");
        message(api, "Received SMS", "ada@r.example", "2026-09-04T10:00:00Z", text.messageId());
        message(api, "Received SMS", "bob@r.example", "2026-09-04T10:00:00Z", text.messageId());
        message(api, "Failed to Deliver SMS", "bob@r.example", "2026-09-04T10:00:01Z", text.messageId());
        message(api, "Clicked SMS", "ada@r.example", "2026-09-04T10:30:00Z", text.messageId());
        // Sent before the timeframe: its later events do not bring it in.
        message(api, "Received Email", "ada@r.example", "2026-08-20T10:00:00Z", earlier.messageId());
        message(api, "Opened Email", "ada@r.example", "2026-09-02T10:00:00Z", earlier.messageId());
        orders = metricId(server, account.id(), "Placed Order");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String all(String statistics, String extra) {
        return "\"statistics\":[" + statistics + "]," + WEEK + ",\"conversion_metric_id\":\"" + orders + "\"" + extra;
    }

    @Test
    void everyStatisticOfAnEmailCampaignIsComputedFromItsEvents() {
        List<String> names = new ArrayList<>();
        for (MessageStatistic s : MessageStatistic.values()) names.add("\"" + s.wire() + "\"");
        JsonNode rows = results(api, OP, all(String.join(",", names), ""));
        assertThat(rows).hasSize(2);
        JsonNode a = rows.get(0);
        assertThat(a.get("groupings").toString()).isEqualTo("{\"campaign_id\":\"" + spring.id() + "\",\"campaign_message_id\":\""
                + spring.messageId() + "\",\"send_channel\":\"email\"}");
        JsonNode s = a.get("statistics");
        assertThat(s.get("recipients").asLong()).isEqualTo(4);
        assertThat(s.get("bounced").asLong()).isEqualTo(1);
        assertThat(s.get("failed").asLong()).isZero();
        assertThat(s.get("bounced_or_failed").asLong()).isEqualTo(1);
        assertThat(s.get("delivered").asLong()).isEqualTo(3);
        assertThat(s.get("opens").asLong()).isEqualTo(4);
        assertThat(s.get("opens_unique").asLong()).isEqualTo(3);
        assertThat(s.get("clicks").asLong()).isEqualTo(1);
        assertThat(s.get("clicks_unique").asLong()).isEqualTo(1);
        assertThat(s.get("unsubscribes").asLong()).isEqualTo(1);
        assertThat(s.get("unsubscribe_uniques").asLong()).isEqualTo(1);
        assertThat(s.get("spam_complaints").asLong()).isEqualTo(1);
        assertThat(s.get("conversions").asLong()).isEqualTo(2);
        assertThat(s.get("conversion_uniques").asLong()).isEqualTo(2);
        assertThat(s.get("conversion_value").decimalValue()).isEqualByComparingTo("50");
        assertThat(s.get("average_order_value").asDouble()).isEqualTo(25.0);
        assertThat(s.get("revenue_per_recipient").asDouble()).isEqualTo(12.5);
        assertThat(s.get("open_rate").asDouble()).isEqualTo(1.0);
        assertThat(s.get("click_rate").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(s.get("click_to_open_rate").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(s.get("conversion_rate").asDouble()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(s.get("unsubscribe_rate").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(s.get("spam_complaint_rate").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(s.get("bounce_rate").asDouble()).isEqualTo(0.25);
        assertThat(s.get("failed_rate").asDouble()).isZero();
        assertThat(s.get("bounced_or_failed_rate").asDouble()).isEqualTo(0.25);
        assertThat(s.get("delivery_rate").asDouble()).isEqualTo(0.75);
        assertThat(s.get("text_message_spend").asLong()).isZero();
        assertThat(s.get("text_message_credit_usage_amount").asLong()).isZero();
        assertThat(s.get("text_message_roi").asLong()).isZero();
        assertThat(s.get("message_segment_count_sum").asLong()).isZero();
        assertThat(s.size()).isEqualTo(MessageStatistic.values().length);

        JsonNode b = rows.get(1).get("statistics");
        assertThat(rows.get(1).at("/groupings/send_channel").asText()).isEqualTo("sms");
        assertThat(b.get("recipients").asLong()).isEqualTo(2);
        assertThat(b.get("failed").asLong()).isEqualTo(1);
        assertThat(b.get("delivered").asLong()).isEqualTo(1);
        assertThat(b.get("clicks_unique").asLong()).isEqualTo(1);
        assertThat(b.get("click_rate").asDouble()).isEqualTo(1.0);
        assertThat(b.get("failed_rate").asDouble()).isEqualTo(0.5);
        // No opens: a rate over zero is 0.
        assertThat(b.get("click_to_open_rate").asDouble()).isZero();
        assertThat(b.get("average_order_value").asDouble()).isZero();
    }

    @Test
    void statisticsComeInTheRequestedOrderOnly() {
        JsonNode s = results(api, OP, all("\"opens\",\"open_rate\"", "")).get(0).get("statistics");
        assertThat(List.of(s.fieldNames().next())).containsExactly("opens");
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void groupsByNamesFormatsAndOneRowPerTag() {
        JsonNode rows = results(api, OP, all("\"recipients\"", ",\"group_by\":[\"campaign_id\",\"campaign_message_id\","
                + "\"campaign_message_name\",\"text_message_format\",\"tag_name\",\"tag_id\",\"variation\"]"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).at("/groupings/tag_name").asText()).isEqualTo("Promo");
        assertThat(rows.get(1).at("/groupings/tag_name").asText()).isEqualTo("Spring");
        assertThat(rows.get(0).at("/groupings/campaign_message_name").asText()).isEqualTo("Main A");
        assertThat(rows.get(0).at("/groupings/text_message_format").isNull()).isTrue();
        assertThat(rows.get(0).at("/groupings/variation").isNull()).isTrue();
        assertThat(rows.get(0).at("/statistics/recipients").asLong()).isEqualTo(4);
        assertThat(rows.get(1).at("/statistics/recipients").asLong()).isEqualTo(4);
        JsonNode sms = rows.get(2).get("groupings");
        assertThat(sms.get("campaign_id").asText()).isEqualTo(text.id());
        assertThat(sms.get("tag_name").isNull()).isTrue();
        assertThat(sms.get("tag_id").isNull()).isTrue();
        assertThat(sms.get("campaign_message_name").isNull()).isTrue();
        assertThat(sms.get("text_message_format").asText()).isEqualTo("sms");
        List<String> keys = new ArrayList<>();
        sms.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("campaign_id", "campaign_message_id", "campaign_message_name", "text_message_format",
                "tag_name", "tag_id", "variation");
    }

    @Test
    void filtersOnChannelCampaignAndTags() {
        assertThat(ids(",\"filter\":\"equals(send_channel,\\\"sms\\\")\"")).containsExactly(text.id());
        assertThat(ids(",\"filter\":\"contains-any(send_channel,[\\\"sms\\\",\\\"email\\\"])\"")).containsExactly(spring.id(), text.id());
        assertThat(ids(",\"filter\":\"equals(campaign_id,\\\"" + spring.id() + "\\\")\"")).containsExactly(spring.id());
        assertThat(ids(",\"filter\":\"contains-any(tag_name,[\\\"Spring\\\"])\"")).containsExactly(spring.id());
        assertThat(ids(",\"filter\":\"contains-all(tag_name,[\\\"Spring\\\",\\\"Promo\\\"])\"")).containsExactly(spring.id());
        assertThat(ids(",\"filter\":\"contains-all(tag_name,[\\\"Spring\\\",\\\"Nope\\\"])\"")).isEmpty();
        assertThat(ids(",\"filter\":\"and(equals(send_channel,\\\"email\\\"),equals(campaign_message_name,\\\"Main A\\\"))\""))
                .containsExactly(spring.id());
    }

    @Test
    void aCampaignSentOutsideTheTimeframeIsNotReported() {
        JsonNode rows = results(api, OP, "\"statistics\":[\"recipients\",\"opens\"],\"timeframe\":{\"start\":\"2026-08-01T00:00:00\","
                + "\"end\":\"2026-08-28T00:00:00\"},\"conversion_metric_id\":\"" + orders + "\"");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).at("/groupings/campaign_id").asText()).isEqualTo(earlier.id());
        assertThat(rows.get(0).at("/statistics/recipients").asLong()).isEqualTo(1);
        assertThat(rows.get(0).at("/statistics/opens").asLong()).isEqualTo(1);
    }

    @Test
    void theConversionMetricDecidesWhatConverts() {
        String opened = metricId(server, serverAccount(), "Opened Email");
        // "Opened Email" as the conversion metric: none of its events names an attributed message.
        JsonNode s = results(api, OP, "\"statistics\":[\"conversions\"]," + WEEK + ",\"conversion_metric_id\":\"" + opened + "\"")
                .get(0).get("statistics");
        assertThat(s.get("conversions").asLong()).isZero();
    }

    @Test
    void pagesAreCursoredAndTheFieldsetApplies() {
        Api.Response r = api.post(OP, ReportFixtures.PATHS.get(OP) + "?fields[campaign-values-report]=results",
                ReportFixtures.body(OP, all("\"recipients\"", "")));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().at("/links/next").isNull()).isTrue();
        assertThat(r.data().get("attributes").get("results")).hasSize(2);
        // A cursor past the end is an empty page.
        Api.Response past = api.post(OP, ReportFixtures.PATHS.get(OP) + "?page_cursor=" + dev.openprofile.jsonapi.PositionCursor.encode(2),
                ReportFixtures.body(OP, all("\"recipients\"", "")));
        assertThat(past.data().at("/attributes/results")).isEmpty();
        Api.Response second = api.post(OP, ReportFixtures.PATHS.get(OP) + "?page_cursor=" + dev.openprofile.jsonapi.PositionCursor.encode(1),
                ReportFixtures.body(OP, all("\"recipients\"", "")));
        assertThat(second.data().at("/attributes/results/0/groupings/campaign_id").asText()).isEqualTo(text.id());
    }

    static String serverAccount() {
        return server.jdbc().read(c -> {
            try (var ps = c.prepareStatement("select account_id from campaign where id = ?")) {
                ps.setString(1, spring.id());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    static List<String> ids(String extra) {
        List<String> out = new ArrayList<>();
        results(api, OP, all("\"recipients\"", extra)).forEach(r -> out.add(r.at("/groupings/campaign_id").asText()));
        return out;
    }

    @Test
    void anUnknownConversionMetricIsRefused() {
        ReportFixtures.assertError(report(api, OP, "\"statistics\":[\"opens\"]," + WEEK + ",\"conversion_metric_id\":\"NOSUCH\""),
                "/data/attributes/conversion_metric_id", "not a metric of this account");
    }
}
