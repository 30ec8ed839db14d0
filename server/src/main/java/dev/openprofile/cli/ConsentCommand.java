package dev.openprofile.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * openprofile consent confirm | job | history: the operator's consent tools, through the running
 * server's admin API (docs/compatibility.md, "Consent"), since jobs and confirmations happen there.
 */
@Command(name = "consent", mixinStandardHelpOptions = true, description = "Operator tools for consent.",
        subcommands = {ConsentCommand.Confirm.class, ConsentCommand.Suppress.class, ConsentCommand.Job.class,
                ConsentCommand.History.class})
final class ConsentCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where the server is and the admin key; shared by the subcommands. */
    static class Target {
        @Option(names = "--url", description = "the server (default ${DEFAULT-VALUE})", defaultValue = "http://localhost:8080")
        String url;
        @Option(names = "--admin-key", description = "the server's admin key (default: env OPENPROFILE_ADMIN_KEY)",
                defaultValue = "${env:OPENPROFILE_ADMIN_KEY}")
        String adminKey;
        @Option(names = "--account", description = "account name (default: default)")
        String account = "default";

        /** Sends the request, prints the JSON answer, and returns the exit status (1 for an error answer). */
        int send(String method, String path, String body) {
            if (adminKey == null || adminKey.isBlank()) {
                System.err.println("openprofile: give --admin-key or set OPENPROFILE_ADMIN_KEY");
                return 2;
            }
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            HttpRequest request = HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                (r.statusCode() < 400 ? System.out : System.err).println(
                        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(r.body())));
                return r.statusCode() < 400 ? 0 : 1;
            } catch (IOException e) {
                System.err.println("openprofile: cannot reach " + base + ": " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }

        URI uri(String path) {
            return URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + path);
        }

        String accountQuery() {
            return "?account=" + URLEncoder.encode(account, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "Confirm a pending double opt-in (no confirmation message goes out from OpenProfile).")
    static final class Confirm extends Target implements Callable<Integer> {
        @Option(names = "--profile", description = "the profile id") String profileId;
        @Option(names = "--email", description = "or the profile's email") String email;
        @Option(names = "--phone", description = "or the profile's phone number") String phone;
        @Option(names = "--channel", description = "email or sms (default: email)") String channel = "email";
        @Option(names = "--list", description = "the list the opt-in was for (none: the account-level opt-in)") String list;

        @Override
        public Integer call() {
            ObjectNode body = Json.MAPPER.createObjectNode().put("account", account).put("profile_id", profileId)
                    .put("email", email).put("phone_number", phone).put("channel", channel).put("list_id", list);
            return send("POST", "/admin/consent/confirm", body.toString());
        }
    }

    @Command(name = "suppress", mixinStandardHelpOptions = true,
            description = "Record a suppression the API cannot: HARD_BOUNCE, INVALID_EMAIL, SPAM_COMPLAINT (or UNSUBSCRIBE, USER_SUPPRESSED).")
    static final class Suppress extends Target implements Callable<Integer> {
        @Option(names = "--profile", description = "the profile id") String profileId;
        @Option(names = "--email", description = "or the profile's email") String email;
        @Option(names = "--reason", required = true, description = "the suppression reason") String reason;

        @Override
        public Integer call() {
            ObjectNode body = Json.MAPPER.createObjectNode().put("account", account).put("profile_id", profileId)
                    .put("email", email).put("reason", reason);
            return send("POST", "/admin/consent/suppress", body.toString());
        }
    }

    @Command(name = "job", mixinStandardHelpOptions = true,
            description = "Show a consent job: its status, counts, and the profiles it could not apply, with why.")
    static final class Job extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "JOB_ID") String jobId;

        @Override
        public Integer call() {
            return send("GET", "/admin/consent/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + accountQuery(), null);
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Show a profile's consent history.")
    static final class History extends Target implements Callable<Integer> {
        @Parameters(paramLabel = "PROFILE_ID") String profileId;

        @Override
        public Integer call() {
            return send("GET", "/admin/consent/profiles/" + URLEncoder.encode(profileId, StandardCharsets.UTF_8)
                    + "/history" + accountQuery(), null);
        }
    }
}
