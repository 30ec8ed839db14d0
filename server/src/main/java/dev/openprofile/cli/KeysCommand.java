package dev.openprofile.cli;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.auth.ApiKeys;
import dev.openprofile.auth.Principal;
import dev.openprofile.config.Settings;
import dev.openprofile.store.Database;
import dev.openprofile.store.Jdbc;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** openprofile keys create | list | revoke: private keys, stored hashed; an account per name. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage private API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static <T> T withAccounts(ServerOptions options, java.util.function.Function<AccountStore, T> work) {
        Settings settings = options.settings();
        try (Database db = Database.start(settings.databaseUrl(), settings.dataDir(), settings.databaseSchema(), 2)) {
            return work.apply(new AccountStore(new Jdbc(db.dataSource())));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a private key (and its account when new).")
    static final class Create implements Callable<Integer> {
        @Mixin ServerOptions options;
        @Option(names = "--account", description = "account name (default: default)") String account = "default";
        @Option(names = "--scopes", split = ",", description = "scopes, e.g. profiles:read,lists:write (default: every scope)")
        String[] scopes;
        @Option(names = "--label", description = "a note to recognise the key by") String label = "created by keys create";

        @Override
        public Integer call() {
            Set<String> granted = scopes == null ? Set.of(Principal.ALL_SCOPES) : new LinkedHashSet<>(Arrays.asList(scopes));
            for (String s : granted) {
                if (!ApiKeys.isScope(s)) {
                    System.err.println("openprofile: '" + s + "' is not a scope (expected e.g. profiles:read)");
                    return 2;
                }
            }
            String key = ApiKeys.newPrivateKey();
            withAccounts(options, store -> {
                var acct = store.ensureAccount(account, Optional.empty(), UlidCreator.getMonotonicUlid().toString());
                return store.insertKey(acct.accountId(), UlidCreator.getMonotonicUlid().toString(), ApiKeys.hash(key), label, granted);
            });
            System.out.println(key);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin ServerOptions options;

        @Override
        public Integer call() {
            var keys = withAccounts(options, AccountStore::listKeys);
            System.out.printf("%-26s  %-16s  %-8s  %-25s  %s%n", "KEY ID", "ACCOUNT", "STATUS", "CREATED", "SCOPES / LABEL");
            for (var k : keys) {
                System.out.printf("%-26s  %-16s  %-8s  %-25s  %s  (%s)%n", k.keyId(), k.accountName(),
                        k.revoked() == null ? "active" : "revoked", k.created(), String.join(",", k.scopes()), k.label());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id (see keys list).")
    static final class Revoke implements Callable<Integer> {
        @Mixin ServerOptions options;
        @Parameters(index = "0", description = "key id") String keyId;

        @Override
        public Integer call() {
            boolean done = withAccounts(options, store -> store.revoke(keyId));
            System.out.println(done ? "revoked " + keyId : "no active key with id " + keyId);
            return done ? 0 : 1;
        }
    }
}
