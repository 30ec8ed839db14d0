package dev.openprofile.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * openprofile reset | export | import-state: an account's state through the running server's admin API
 * (README, "Operator controls"), which stops the account's jobs and forgets its caches as it goes.
 */
final class StateCommands {
    private StateCommands() {}

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Delete every object of an account (every account without --account); keys and settings stay.")
    static final class Reset extends ConsentCommand.Target implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (spec.commandLine().getParseResult().hasMatchedOption("--account")) body.put("account", account);
            return send("POST", "/admin/reset", body.toString());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write an account's whole state as NDJSON on standard output (openprofile export --account NAME > file).")
    static final class Export extends ConsentCommand.Target implements Callable<Integer> {
        @Override
        public Integer call() {
            return exchange(this, HttpRequest.newBuilder(uri("/admin/export" + accountQuery())).GET());
        }
    }

    @Command(name = "import-state", mixinStandardHelpOptions = true,
            description = "Load an export into an account that holds no data (reset it first).")
    static final class ImportState extends ConsentCommand.Target implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "an export written by openprofile export")
        Path file;

        @Override
        public Integer call() {
            if (!Files.isReadable(file)) {
                System.err.println("openprofile: cannot read " + file);
                return 2;
            }
            try {
                return exchange(this, HttpRequest.newBuilder(uri("/admin/import" + accountQuery()))
                        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofFile(file)));
            } catch (IOException e) {
                System.err.println("openprofile: cannot read " + file + ": " + e.getMessage());
                return 2;
            }
        }
    }

    /**
     * Sends the request and copies a successful answer to standard output as it arrives (an export is as
     * large as the account); an error answer goes to standard error. Exit 0, 1 for an error answer, 2 for usage.
     */
    private static int exchange(ConsentCommand.Target target, HttpRequest.Builder request) {
        if (target.adminKey == null || target.adminKey.isBlank()) {
            System.err.println("openprofile: give --admin-key or set OPENPROFILE_ADMIN_KEY");
            return 2;
        }
        try {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(
                    request.header("Authorization", "Bearer " + target.adminKey).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() >= 400) {
                    System.err.println(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                    return 1;
                }
                body.transferTo(System.out);
                System.out.flush();
                return 0;
            }
        } catch (IOException e) {
            System.err.println("openprofile: cannot reach " + target.url + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
