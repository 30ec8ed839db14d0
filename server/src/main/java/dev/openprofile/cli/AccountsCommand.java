package dev.openprofile.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
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
 * openprofile accounts list | show | create | set: accounts and their settings, straight in the database like {@code keys}
 * (same {@code --data-dir} / {@code --database-url}), so they work whether or not the server runs. A
 * running server reads them on its next job; nothing there holds a copy.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Show and change account settings.",
        subcommands = {AccountsCommand.ListAccounts.class, AccountsCommand.Show.class, AccountsCommand.Create.class,
                AccountsCommand.SetSettings.class})
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
            Account account = KeysCommand.withAccounts(options, store -> work.apply(new AccountSettingsService(store, () -> UlidCreator.getMonotonicUlid().toString())));
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
            List<Account> accounts = KeysCommand.withAccounts(options, store -> new AccountSettingsService(store, () -> UlidCreator.getMonotonicUlid().toString()).all());
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

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account (then give it keys with 'keys create --account NAME').")
    static final class Create implements Callable<Integer> {
        @Mixin ServerOptions options;
        @Mixin SettingOptions settings;
        @Parameters(paramLabel = "NAME", description = "the new account's name") String name;

        @Override
        public Integer call() {
            return run(options, service -> service.create(name, settings.patch()));
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change an account's settings.")
    static final class SetSettings implements Callable<Integer> {
        @Mixin ServerOptions options;
        @Mixin SettingOptions settings;
        @Parameters(paramLabel = "NAME", description = "the account name") String name;
        @Option(names = "--rename", paramLabel = "NEW_NAME", description = "give the account a new name (its keys stay valid)")
        String rename;

        @Override
        public Integer call() {
            ObjectNode patch = settings.patch();
            if (rename != null) patch.put("name", rename);
            if (patch.isEmpty()) {
                System.err.println("openprofile: nothing to change: give at least one setting (see --help)");
                return 2;
            }
            return run(options, service -> service.update(name, patch));
        }
    }

    /** The settings both create and set take; each becomes one key of the admin API's JSON body. */
    static final class SettingOptions {
        @Option(names = "--unsubscribe-scope", paramLabel = "global|list",
                description = "what an unsubscribe from a list does to email: global (Klaviyo's default: unsubscribed, "
                        + "suppressed, off the list) or list (a list suppression only, consent kept)")
        String unsubscribeScope;
        @Option(names = "--default-opt-in", paramLabel = "single_opt_in|double_opt_in",
                description = "the opt-in process of lists created without one")
        String defaultOptIn;
        @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA timezone, e.g. US/Eastern") String timezone;
        @Option(names = "--currency", paramLabel = "CODE", description = "preferred currency, ISO 4217, e.g. USD") String currency;
        @Option(names = "--locale", paramLabel = "TAG", description = "locale, e.g. en-US") String locale;
        @Option(names = "--industry", paramLabel = "TEXT", description = "the kind of business") String industry;
        @Option(names = "--test-account", paramLabel = "true|false", arity = "1", description = "mark it a test account")
        Boolean testAccount;
        @Option(names = "--sms-age-gate", paramLabel = "true|false", arity = "1",
                description = "Klaviyo's SMS age-gating: SMS consent needs a date of birth of at least the phone's country's minimum age")
        Boolean smsAgeGate;
        @Option(names = "--organization-name", paramLabel = "TEXT") String organizationName;
        @Option(names = "--sender-name", paramLabel = "TEXT", description = "default sender name") String senderName;
        @Option(names = "--sender-email", paramLabel = "EMAIL", description = "default sender email") String senderEmail;
        @Option(names = "--website-url", paramLabel = "URL") String websiteUrl;
        @Option(names = "--address1", paramLabel = "TEXT") String address1;
        @Option(names = "--address2", paramLabel = "TEXT") String address2;
        @Option(names = "--city", paramLabel = "TEXT") String city;
        @Option(names = "--region", paramLabel = "TEXT", description = "state, province or region") String region;
        @Option(names = "--country", paramLabel = "CC", description = "two-letter ISO country code") String country;
        @Option(names = "--zip", paramLabel = "TEXT") String zip;

        ObjectNode patch() {
            ObjectNode patch = Json.MAPPER.createObjectNode();
            putIf(patch, "unsubscribe_scope", unsubscribeScope);
            putIf(patch, "default_opt_in", defaultOptIn);
            putIf(patch, "timezone", timezone);
            putIf(patch, "preferred_currency", currency);
            putIf(patch, "locale", locale);
            putIf(patch, "industry", industry);
            if (testAccount != null) patch.put("test_account", testAccount);
            if (smsAgeGate != null) patch.put("sms_age_gate", smsAgeGate);
            ObjectNode contact = Json.MAPPER.createObjectNode();
            putIf(contact, "organization_name", organizationName);
            putIf(contact, "default_sender_name", senderName);
            putIf(contact, "default_sender_email", senderEmail);
            putIf(contact, "website_url", websiteUrl);
            ObjectNode address = Json.MAPPER.createObjectNode();
            putIf(address, "address1", address1);
            putIf(address, "address2", address2);
            putIf(address, "city", city);
            putIf(address, "region", region);
            putIf(address, "country", country);
            putIf(address, "zip", zip);
            if (!address.isEmpty()) contact.set("street_address", address);
            if (!contact.isEmpty()) patch.set("contact_information", contact);
            return patch;
        }

        private static void putIf(ObjectNode node, String key, String value) {
            if (value != null) node.put(key, value);
        }
    }
}
