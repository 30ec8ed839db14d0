package dev.openprofile.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** openprofile webhooks deliveries | delivery: webhook deliveries and their attempts, through the running server's admin API. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Show webhook deliveries and every attempt.",
        subcommands = {WebhooksCommand.Deliveries.class, WebhooksCommand.Delivery.class})
final class WebhooksCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "deliveries", mixinStandardHelpOptions = true,
            description = "List the account's deliveries, newest first, each with its attempts.")
    static final class Deliveries extends ConsentCommand.Target implements Callable<Integer> {
        @Option(names = "--webhook", description = "only this webhook's deliveries")
        String webhook;
        @Option(names = "--status", description = "pending, delivered, failed or cancelled")
        String status;
        @Option(names = "--limit", description = "at most this many (default 100, at most 1000)")
        Integer limit;

        @Override
        public Integer call() {
            StringBuilder query = new StringBuilder(accountQuery());
            if (webhook != null) query.append("&webhook=").append(URLEncoder.encode(webhook, StandardCharsets.UTF_8));
            if (status != null) query.append("&status=").append(URLEncoder.encode(status, StandardCharsets.UTF_8));
            if (limit != null) query.append("&limit=").append(limit);
            return send("GET", "/admin/webhooks/deliveries" + query, null);
        }
    }

    @Command(name = "delivery", mixinStandardHelpOptions = true, description = "Show one delivery: its payload and attempts.")
    static final class Delivery extends ConsentCommand.Target implements Callable<Integer> {
        @Parameters(paramLabel = "DELIVERY_ID", description = "the delivery, as the deliveries list names it")
        String id;

        @Override
        public Integer call() {
            return send("GET", "/admin/webhooks/deliveries/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + accountQuery(), null);
        }
    }
}
