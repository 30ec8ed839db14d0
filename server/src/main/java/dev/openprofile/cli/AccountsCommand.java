package dev.openprofile.cli;

import dev.openprofile.accounts.AccountSettingsService;
import dev.openprofile.auth.AccountStore.Account;
import dev.openprofile.jsonapi.ApiError;
import dev.openprofile.jsonapi.Json;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * openprofile accounts list | show | set: account settings, straight in the database like {@code keys}
 * (same {@code --data-dir} / {@code --database-url}), so they work whether or not the server runs. A
 * running server reads them on its next job; nothing there holds a copy.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Show and change account settings.",
        subcommands = {AccountsCommand.ListAccounts.class, AccountsCommand.Show.class, AccountsCommand.SetSettings.class})
final class AccountsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * Runs {@code work} on the account settings and prints what it returns as JSON; an error is printed
     * with its detail: exit 1 for an unknown account, 2 for a value the setting does not take.
     */
    static int run(ServerOptions options, Function<AccountSettingsService, Account> work) {
        try {
            Account account = KeysCommand.withAccounts(options, store -> work.apply(new AccountSettingsService(store)));
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(AccountSettingsService.json(account)));
            return 0;
        } catch (ApiError e) {
            System.err.println("openprofile: " + e.detail());
            return e.status() == 404 ? 1 : 2;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an account is JSON", e);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts and their settings.")
    static final class ListAccounts implements Callable<Integer> {
        @Mixin ServerOptions options;

        @Override
        public Integer call() {
            List<Account> accounts = KeysCommand.withAccounts(options, store -> new AccountSettingsService(store).all());
            System.out.printf("%-24s  %-17s  %-14s  %s%n", "NAME", "UNSUBSCRIBE SCOPE", "DEFAULT OPT-IN", "PUBLIC KEY");
            for (Account a : accounts) {
                System.out.printf("%-24s  %-17s  %-14s  %s%n", a.name(), a.unsubscribeScope(), a.defaultOptIn(), a.publicKey());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one account's settings as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin ServerOptions options;
        @Parameters(paramLabel = "NAME", description = "the account name") String name;

        @Override
        public Integer call() {
            return run(options, service -> service.get(name));
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change an account's settings.")
    static final class SetSettings implements Callable<Integer> {
        @Mixin ServerOptions options;
        @Parameters(paramLabel = "NAME", description = "the account name") String name;
        @Option(names = "--unsubscribe-scope", required = true, paramLabel = "global|list",
                description = "what an unsubscribe from a list does to email: global (Klaviyo's default: unsubscribed, "
                        + "suppressed, off the list) or list (a list suppression only, consent kept)")
        String unsubscribeScope;

        @Override
        public Integer call() {
            return run(options, service -> service.update(name,
                    Json.MAPPER.createObjectNode().put("unsubscribe_scope", unsubscribeScope)));
        }
    }
}
