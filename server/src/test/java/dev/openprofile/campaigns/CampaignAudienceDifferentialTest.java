package dev.openprofile.campaigns;

import static dev.openprofile.campaigns.CampaignFixtures.created;
import static dev.openprofile.campaigns.CampaignFixtures.ids;
import static dev.openprofile.campaigns.CampaignFixtures.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two paths, one rule: a campaign's audience is one SQL query (CampaignAudience, with consent's rule spelled in SQL),
 * while each profile's {@code can_receive_*_marketing} comes from ConsentState in Java. For random profiles, consents,
 * suppressions, memberships and audiences, the estimate and the send reach exactly the profiles of the included lists
 * and segments, not in an excluded one, that have the channel's address and that the profile read says can receive.
 */
class CampaignAudienceDifferentialTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A generated profile: its addresses, Plan (the segment holds Plan S) and lists. */
    record Person(String id, String email, String phone, boolean inSegment, Set<String> lists) {}

    @Test
    void theEstimateAndTheSendReachExactlyWhomConsentsRuleLetsReceive() {
        for (long seed = 1; seed <= 3; seed++) round(seed);
    }

    private void round(long seed) {
        Random rnd = new Random(seed);
        Api api = server.newAccount("diff-" + seed + "-").api();
        String a = list(api, "A"), b = list(api, "B");
        String s = SendFixtures.planSegment(api, "S", "S");
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String email = rnd.nextInt(10) < 9 ? "p" + i + "@seed" + seed + ".example" : null;
            String phone = rnd.nextBoolean() || email == null ? "+141555501" + String.format("%02d", i) : null;
            boolean inSegment = rnd.nextInt(10) < 3;
            StringBuilder attributes = new StringBuilder("\"properties\":{\"Plan\":\"" + (inSegment ? "S" : "X") + "\"}");
            if (email != null) attributes.append(",\"email\":\"").append(email).append('"');
            if (phone != null) attributes.append(",\"phone_number\":\"").append(phone).append('"');
            String id = created(api.post("create_profile", "/api/profiles", "{\"data\":{\"type\":\"profile\",\"attributes\":{" + attributes + "}}}"));
            Set<String> lists = new HashSet<>();
            for (String l : List.of(a, b)) {
                if (rnd.nextInt(10) < 6) {
                    lists.add(l);
                    var add = api.post("add_profiles_to_list", "/api/lists/" + l + "/relationships/profiles",
                            "{\"data\":[{\"type\":\"profile\",\"id\":\"" + id + "\"}]}");
                    assertThat(add.status()).as(add.text()).isEqualTo(204);
                }
            }
            people.add(new Person(id, email, phone, inSegment, lists));
            if (email != null) {
                int consent = rnd.nextInt(3);
                if (consent == 1) SendFixtures.consent(api, "SUBSCRIBED", email);
                if (consent == 2) SendFixtures.consent(api, "UNSUBSCRIBED", email);
                if (rnd.nextInt(5) == 0) SendFixtures.suppress(api, email);
            }
            if (phone != null && rnd.nextInt(3) > 0) sms(api, phone, rnd.nextBoolean() ? "SUBSCRIBED" : "UNSUBSCRIBED");
        }
        server.awaitJobs();
        Map<String, JsonNode> subscriptions = subscriptions(api);

        List<String> audiences = List.of(a, b, s);
        for (int k = 0; k < 5; k++) {
            List<String> included = new ArrayList<>(), excluded = new ArrayList<>();
            for (String x : audiences) {
                int pick = rnd.nextInt(3);
                if (pick == 0) included.add(x);
                if (pick == 1) excluded.add(x);
            }
            if (included.isEmpty()) included.add(audiences.get(rnd.nextInt(3)));
            excluded.removeAll(included);
            String channel = rnd.nextBoolean() ? "email" : "sms";
            Set<String> expected = new HashSet<>();
            for (Person p : people) {
                boolean in = included.stream().anyMatch(x -> member(p, x, s));
                boolean out = excluded.stream().anyMatch(x -> member(p, x, s));
                JsonNode subs = subscriptions.get(p.id());
                boolean can = channel.equals("email")
                        ? p.email() != null && subs.at("/email/marketing/can_receive_email_marketing").asBoolean()
                        : p.phone() != null && subs.at("/sms/marketing/can_receive_sms_marketing").asBoolean();
                if (in && !out && can) expected.add(p.id());
            }
            String name = "Seed " + seed + " #" + k;
            String campaign = channel.equals("email")
                    ? SendFixtures.templatedEmail(api, name, ids(included.toArray(String[]::new)), ids(excluded.toArray(String[]::new)), "")
                    : created(api.post("create_campaign", "/api/campaigns", CampaignFixtures.body(name, ids(included.toArray(String[]::new)),
                            ids(excluded.toArray(String[]::new)), "{\"channel\":\"sms\",\"content\":{\"body\":\"Hi {{ first_name|default:'you' }}\"}}", "")));
            String context = "seed " + seed + ", audience " + k + " (" + channel + ")";
            assertThat(SendFixtures.estimate(api, campaign).status()).isEqualTo(202);
            server.awaitJobs();
            assertThat(SendFixtures.estimated(api, campaign)).as(context).isEqualTo(expected.size());
            if (k % 2 == 0) {
                assertThat(SendFixtures.send(api, campaign).status()).isEqualTo(202);
                server.awaitJobs();
                assertThat(sentTo(campaign)).as(context).isEqualTo(expected);
            }
        }
    }

    private static boolean member(Person p, String audience, String segment) {
        return audience.equals(segment) ? p.inSegment() : p.lists().contains(audience);
    }

    private static void sms(Api api, String phone, String consent) {
        String kind = consent.equals("SUBSCRIBED") ? "create" : "delete";
        var r = api.post(consent.equals("SUBSCRIBED") ? "bulk_subscribe_profiles" : "bulk_unsubscribe_profiles",
                "/api/profile-subscription-bulk-" + kind + "-jobs", "{\"data\":{\"type\":\"profile-subscription-bulk-" + kind
                        + "-job\",\"attributes\":{\"profiles\":{\"data\":[{\"type\":\"profile\",\"attributes\":{\"phone_number\":\""
                        + phone + "\",\"subscriptions\":{\"sms\":{\"marketing\":{\"consent\":\"" + consent + "\"}}}}}]}}}}");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
    }

    /** Each profile's subscriptions as get_profiles shows them (ConsentState's rule, in Java). */
    private static Map<String, JsonNode> subscriptions(Api api) {
        var r = api.get("get_profiles", "/api/profiles?additional-fields[profile]=subscriptions&page[size]=100");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode p : r.body().get("data")) out.put(p.get("id").asText(), p.at("/attributes/subscriptions"));
        assertThat(out).hasSize(24);
        return out;
    }

    private static Set<String> sentTo(String campaign) {
        return server.jdbc().read(c -> {
            Set<String> out = new HashSet<>();
            try (var ps = c.prepareStatement("select profile_id from outbox_message where campaign_id = ?")) {
                ps.setString(1, campaign);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) assertThat(out.add(rs.getString(1))).isTrue();
                }
            }
            return out;
        });
    }
}
