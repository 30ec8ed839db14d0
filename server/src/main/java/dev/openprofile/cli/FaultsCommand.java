package dev.openprofile.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.jsonapi.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** openprofile faults add | list | clear: injected faults, through the running server's admin API. */
@Command(name = "faults", mixinStandardHelpOptions = true, description = "Inject errors and latency into API answers.",
        subcommands = {FaultsCommand.Add.class, FaultsCommand.List.class, FaultsCommand.Clear.class})
final class FaultsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a fault: the account's requests (to one operation, or all) answer STATUS and/or wait.")
    static final class Add extends ConsentCommand.Target implements Callable<Integer> {
        @Option(names = "--operation", description = "the spec operation id, e.g. get_profiles (default: every operation)")
        String operation;
        @Option(names = "--status", description = "429, 500, 502, 503 or 504 (omit for latency only)")
        Integer status;
        @Option(names = "--rate", description = "share of matching requests affected, 0 to 1 (default 1)")
        Double rate;
        @Option(names = "--count", description = "strikes before the fault expires (default: until removed)")
        Integer count;
        @Option(names = "--latency-ms", description = "delay added to each affected request")
        Integer latencyMs;

        @Override
        public Integer call() {
            ObjectNode body = Json.MAPPER.createObjectNode().put("account", account);
            if (operation != null) body.put("operation", operation);
            if (status != null) body.put("status", status);
            if (rate != null) body.put("rate", rate);
            if (count != null) body.put("count", count);
            if (latencyMs != null) body.put("latency_ms", latencyMs);
            return send("POST", "/admin/faults", body.toString());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the faults in force, with the strikes left.")
    static final class List extends ConsentCommand.Target implements Callable<Integer> {
        @Override
        public Integer call() {
            return send("GET", "/admin/faults", null);
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove one fault (by id) or every fault.")
    static final class Clear extends ConsentCommand.Target implements Callable<Integer> {
        @Parameters(paramLabel = "FAULT_ID", arity = "0..1", description = "the fault to remove (default: all)")
        String id;

        @Override
        public Integer call() {
            return send("DELETE", id == null ? "/admin/faults" : "/admin/faults/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
        }
    }
}
