package dev.openprofile.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.console.Console.Access;
import dev.openprofile.console.Console.Route;
import dev.openprofile.http.SessionPageRoute.Request;
import dev.openprofile.http.SessionPageRoute.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's profiles (issue 18): the table, filtered with the API's own filter grammar as typed and paged with
 * get_profiles' keyset cursor (never a count over the account), and one profile's page ({@link ProfilePage}).
 */
public final class ProfilesSection implements Console.Section {
    static final int PAGE_SIZE = 50;
    /** The sorts of get_profiles a person picks; the suppression timestamps stay with the API's callers. */
    static final List<String> SORTS = List.of("id", "-id", "created", "-created", "updated", "-updated", "email", "-email");
    /** Only the columns the table shows: a profile's properties can be large and are not read here. */
    private static final String COLUMNS = "email,phone_number,external_id,first_name,last_name,created,updated";

    /** A row of the table. */
    record Row(String id, String email, String phoneNumber, String externalId, String name, String created, String updated) {
        static Row of(JsonNode profile) {
            JsonNode a = profile.path("attributes");
            return new Row(profile.path("id").asText(), ApiDocuments.text(a, "email"), ApiDocuments.text(a, "phone_number"),
                    ApiDocuments.text(a, "external_id"), ApiDocuments.name(a), ApiDocuments.text(a, "created"),
                    ApiDocuments.text(a, "updated"));
        }
    }

    private final Console.Kit kit;
    private final ProfilePage profile;

    public ProfilesSection(Console.Kit kit) {
        this.kit = kit;
        this.profile = new ProfilePage(kit);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", Console.ACCOUNT + "/profiles", Access.ACCOUNT, this::table),
                new Route("GET", Console.ACCOUNT + "/profiles/{profile_id}", Access.ACCOUNT, profile::show));
    }

    private Response table(Request request, ConsoleSessions.Session session) {
        AccountStore.Account account = kit.account(request);
        String filter = blankToNull(request.query().get("filter"));
        String sort = blankToNull(request.query().get("sort"));
        String cursor = blankToNull(request.query().get("cursor"));
        ConsoleApi.Result result = kit.api().call(session, account.accountId(), "get_profiles", Map.of(),
                ConsoleApi.query("filter", filter, "sort", sort, "page[cursor]", cursor,
                        "page[size]", String.valueOf(PAGE_SIZE), "fields[profile]", COLUMNS), null);
        Map<String, Object> page = new HashMap<>();
        page.put("filter", filter == null ? "" : filter);
        page.put("sort", sort == null ? "id" : sort);
        page.put("sorts", SORTS);
        page.put("next", null);
        page.put("prev", null);
        List<Row> rows = new ArrayList<>();
        int status = 200;
        switch (result) {
            case ConsoleApi.Ok ok -> {
                for (JsonNode p : ok.body().path("data")) rows.add(Row.of(p));
                for (String rel : List.of("next", "prev")) {
                    page.put(rel, ApiDocuments.cursor(ok.body(), rel)
                            .map(c -> ApiDocuments.query("filter", filter, "sort", sort, "cursor", c)).orElse(null));
                }
                page.put("errors", List.of());
            }
            case ConsoleApi.Failed failed -> {
                status = failed.status();
                page.put("errors", failed.errors());
            }
        }
        page.put("rows", rows);
        return Response.page(status, kit.pages().render("profiles", session, account, page));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
