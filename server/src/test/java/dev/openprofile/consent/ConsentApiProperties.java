package dev.openprofile.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.testing.Api;
import dev.openprofile.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
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
 * UNSUBSCRIBE. (ConsentProperties checks the same rules on the model alone, with many more tries.)
 */
class ConsentApiProperties {
    static TestServer server;
    static Api api;
    static final AtomicInteger profiles = new AtomicInteger();
    static String doubleList;

    enum Action { SUBSCRIBE, SUBSCRIBE_DOUBLE, UNSUBSCRIBE, SUPPRESS, UNSUPPRESS }

    @BeforeContainer
    static void start() {
        server = TestServer.start();
        api = server.api();
        doubleList = ConsentApiTestSupport.list(api, "Property double", "double_opt_in");
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
    void suppressedOrUnsubscribedProfilesCannotReceiveEmailMarketing(@ForAll("sequences") List<Action> actions)
            throws Exception {
        String email = "prop" + profiles.incrementAndGet() + "@consent.example.com";
        List<String> seen = new ArrayList<>();
        for (Action action : actions) {
            JsonNode before = ConsentApiTestSupport.marketingOrNull(api, email);
            switch (action) {
                case SUBSCRIBE -> ConsentApiTestSupport.subscribe(api, email, null);
                case SUBSCRIBE_DOUBLE -> ConsentApiTestSupport.subscribe(api, email, doubleList);
                case UNSUBSCRIBE -> ConsentApiTestSupport.unsubscribe(api, email);
                case SUPPRESS -> ConsentApiTestSupport.suppress(api, email, true);
                case UNSUPPRESS -> ConsentApiTestSupport.suppress(api, email, false);
            }
            ConsentApiTestSupport.awaitJobs(server);
            JsonNode m = ConsentApiTestSupport.marketingOrNull(api, email);
            seen.add(action + " -> " + m);
            if (m == null) continue;
            List<String> reasons = m.get("suppression").findValuesAsText("reason");
            boolean blocked = !reasons.isEmpty() || m.get("consent").asText().equals("UNSUBSCRIBED");
            if (blocked) {
                assertThat(m.get("can_receive_email_marketing").asBoolean()).as("after %s", seen).isFalse();
            }
            if (action == Action.UNSUPPRESS && before != null) {
                List<String> kept = before.get("suppression").findValuesAsText("reason").stream()
                        .filter(r -> !r.equals("USER_SUPPRESSED")).toList();
                assertThat(reasons).as("unsuppress removes only USER_SUPPRESSED, after %s", seen).containsAll(kept);
            }
        }
    }
}
