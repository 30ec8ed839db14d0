package dev.openprofile.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** openprofile outbox list | show | clear: the emulated messages, as a local mail catcher shows them, through the admin API. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Show the emulated messages OpenProfile recorded instead of sending them, or empty the outbox.",
        subcommands = {OutboxCommand.ListMessages.class, OutboxCommand.Show.class, OutboxCommand.Clear.class})
final class OutboxCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the account's messages, newest first, without their bodies.")
    static final class ListMessages extends ConsentCommand.Target implements Callable<Integer> {
        @Option(names = "--campaign", description = "only this campaign's messages")
        String campaign;
        @Option(names = "--message", description = "only this campaign message's messages")
        String message;
        @Option(names = "--to", description = "only messages to this address (an email address, a phone number, a push token)")
        String to;
        @Option(names = "--channel", description = "email, sms or mobile_push")
        String channel;
        @Option(names = "--limit", description = "at most this many (default 100, at most 1000)")
        Integer limit;
        @Option(names = "--cursor", description = "the next page: the next_cursor of the previous one")
        String cursor;

        @Override
        public Integer call() {
            StringBuilder query = new StringBuilder(accountQuery());
            append(query, "campaign", campaign);
            append(query, "message", message);
            append(query, "to", to);
            append(query, "channel", channel);
            append(query, "limit", limit == null ? null : limit.toString());
            append(query, "cursor", cursor);
            return send("GET", "/admin/outbox/messages" + query, null);
        }

        private static void append(StringBuilder query, String name, String value) {
            if (value != null) query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one message with its HTML and text bodies.")
    static final class Show extends ConsentCommand.Target implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "the message, as the list names it")
        String id;

        @Override
        public Integer call() {
            return send("GET", "/admin/outbox/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + accountQuery(), null);
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Delete every message of the account's outbox (those still pending relay too).")
    static final class Clear extends ConsentCommand.Target implements Callable<Integer> {
        @Override
        public Integer call() {
            return send("DELETE", "/admin/outbox/messages" + accountQuery(), null);
        }
    }
}
