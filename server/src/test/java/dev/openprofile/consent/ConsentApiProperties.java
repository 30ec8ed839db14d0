package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.AdminApi;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The safety property of consent, end to end: over random sequences of subscribe, unsubscribe,
 * suppress and unsuppress requests against a real server, a profile that is suppressed or
 * unsubscribed never reads as able to receive email marketing, and unsuppress never lifts an
 * UNSUBSCRIBE. Each sequence runs in an account of either unsubscribe scope: an unsubscribe naming a
 * list always takes the profile off it; in the default, global scope it leaves email unsubscribed,
 * in the list scope a member keeps its consent and gets the list suppression. (ConsentProperties
 * checks the same rules on the model alone, with many more tries.)
 */
class ConsentApiProperties {
    static TestServer server;
    static final AtomicInteger profiles = new AtomicInteger();
    static final Map<UnsubscribeScope, Account> accounts = new EnumMap<>(UnsubscribeScope.class);

    enum Action { SUBSCRIBE, SUBSCRIBE_DOUBLE, SUBSCRIBE_TO_LIST, UNSUBSCRIBE, UNSUBSCRIBE_FROM_LIST, SUPPRESS, UNSUPPRESS }

    /** An account set to one scope, with a double opt-in list and a single opt-in list of its own. */
    record Account(Api api, String doubleList, String singleList) {
        static Account of(Api api) {
            return new Account(api, ConsentApiTestSupport.list(api, "Property double", "double_opt_in"),
                    ConsentApiTestSupport.list(api, "Property single", "single_opt_in"));
        }
    }

    /** A profile as a step leaves it: its email marketing and whether it is on the single opt-in list. */
    record Seen(JsonNode marketing, boolean onList) {
        List<String> reasons() {
            return marketing.get("suppression").findValuesAsText("reason");
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start();
        accounts.put(UnsubscribeScope.GLOBAL, Account.of(server.api()));
        Api listScoped = server.api(server.createKey("property-list-scope", Set.of("*")));
        assertThat(AdminApi.send(server, "PATCH", "/admin/accounts/property-list-scope", "{\"unsubscribe_scope\":\"list\"}")
                .statusCode()).isEqualTo(200);
        accounts.put(UnsubscribeScope.LIST, Account.of(listScoped));
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 40)
    void suppressedOrUnsubscribedProfilesCannotReceiveEmailMarketing(@ForAll("sequences") List<Action> actions,
            @ForAll UnsubscribeScope scope) throws Exception {
        Account account = accounts.get(scope);
        Api api = account.api();
        String email = "prop" + profiles.incrementAndGet() + "@consent.example.com";
        List<String> seen = new ArrayList<>();
        for (Action action : actions) {
            Seen before = seen(account, email);
            switch (action) {
                case SUBSCRIBE -> ConsentApiTestSupport.subscribe(api, email, null);
                case SUBSCRIBE_DOUBLE -> ConsentApiTestSupport.subscribe(api, email, account.doubleList());
                case SUBSCRIBE_TO_LIST -> ConsentApiTestSupport.subscribe(api, email, account.singleList());
                case UNSUBSCRIBE -> ConsentApiTestSupport.unsubscribe(api, email);
                case UNSUBSCRIBE_FROM_LIST -> ConsentApiTestSupport.unsubscribe(api, email, account.singleList());
                case SUPPRESS -> ConsentApiTestSupport.suppress(api, email, true);
                case UNSUPPRESS -> ConsentApiTestSupport.suppress(api, email, false);
            }
            ConsentApiTestSupport.awaitJobs(server);
            Seen now = seen(account, email);
            seen.add(action + " -> " + (now == null ? null : now.marketing()));
            if (now == null) continue;
            JsonNode m = now.marketing();
            boolean blocked = !now.reasons().isEmpty() || m.get("consent").asText().equals("UNSUBSCRIBED");
            if (blocked) {
                assertThat(m.get("can_receive_email_marketing").asBoolean()).as("after %s", seen).isFalse();
            }
            if (action == Action.UNSUPPRESS && before != null) {
                List<String> kept = before.reasons().stream().filter(r -> !r.equals("USER_SUPPRESSED")).toList();
                assertThat(now.reasons()).as("unsuppress removes only USER_SUPPRESSED, after %s", seen).containsAll(kept);
            }
            if (action == Action.UNSUBSCRIBE_FROM_LIST) {
                unsubscribingFromTheListFollowsTheScope(scope, before, now, account.singleList(), seen);
            }
        }
    }

    private static void unsubscribingFromTheListFollowsTheScope(UnsubscribeScope scope, Seen before, Seen now, String list,
                                                                List<String> seen) {
        assertThat(now.onList()).as("off the list, after %s", seen).isFalse();
        boolean listOnly = scope == UnsubscribeScope.LIST && before != null && before.onList();
        if (!listOnly) {
            assertThat(now.marketing().get("consent").asText()).as("after %s", seen).isEqualTo("UNSUBSCRIBED");
            assertThat(now.reasons()).as("after %s", seen).contains("UNSUBSCRIBE");
            return;
        }
        // What shows is unchanged: the list's pending opt-in is dropped, and a single opt-in list has none.
        assertThat(now.marketing().get("consent")).as("consent kept, after %s", seen).isEqualTo(before.marketing().get("consent"));
        assertThat(now.reasons()).as("after %s", seen).isEqualTo(before.reasons());
        assertThat(now.marketing().get("list_suppressions").findValuesAsText("list_id")).as("after %s", seen).contains(list);
    }

    /** The profile with this email in the account, or null when it has none. */
    private static Seen seen(Account account, String email) {
        Api api = account.api();
        var r = api.get("get_profiles", "/api/profiles?" + ConsentApiTestSupport.SUBS + "&filter=equals(email,%22" + email + "%22)");
        if (r.data().isEmpty()) return null;
        JsonNode p = r.data().get(0);
        List<String> lists = api.get("get_list_ids_for_profile", "/api/profiles/" + p.get("id").asText() + "/relationships/lists")
                .data().findValuesAsText("id");
        return new Seen(p.at("/attributes/subscriptions/email/marketing"), lists.contains(account.singleList()));
    }
}
