package dev.openprofile.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The openprofile command line: serve, keys, accounts, import, consent, faults, clock, webhooks, outbox, reset, export, import-state. */
@Command(name = "openprofile", mixinStandardHelpOptions = true, version = "openprofile 0.1.0",
        description = "A self-hosted server that speaks Klaviyo's REST API (revision 2026-07-15).",
        subcommands = {ServeCommand.class, KeysCommand.class, AccountsCommand.class, ImportCommand.class, ConsentCommand.class,
                FaultsCommand.class, ClockCommand.class, WebhooksCommand.class, OutboxCommand.class, StateCommands.Reset.class, StateCommands.Export.class,
                StateCommands.ImportState.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
