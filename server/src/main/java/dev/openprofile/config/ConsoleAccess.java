package dev.openprofile.config;

import java.util.Optional;

/**
 * Who may log in to the web console (OPENPROFILE_CONSOLE): the operator with the admin key, an account with one of
 * its private keys, both, or no one (every /console path is then a 404).
 */
public record ConsoleAccess(boolean admin, boolean accounts) {
    public static final String CONSOLE = "OPENPROFILE_CONSOLE";

    public boolean on() {
        return admin || accounts;
    }

    /**
     * Unset, the console is on for the operator when an admin key is configured (its holder already has every power
     * the console gives) and off otherwise; account logins open a login form to every key holder on the network, so
     * an operator turns them on.
     */
    static ConsoleAccess resolve(Optional<String> given, Optional<String> adminKey) {
        if (given.isEmpty()) return new ConsoleAccess(adminKey.isPresent(), false);
        boolean admin = false;
        boolean accounts = false;
        String value = given.get();
        if (!value.equals("off")) {
            for (String part : value.split(",", -1)) {
                switch (part.strip()) {
                    case "admin" -> admin = true;
                    case "accounts" -> accounts = true;
                    default -> throw invalid(value);
                }
            }
        }
        if (admin && adminKey.isEmpty()) {
            throw new Settings.SettingsException(CONSOLE + " includes admin, which needs " + Settings.ADMIN_KEY + " set");
        }
        return new ConsoleAccess(admin, accounts);
    }

    private static Settings.SettingsException invalid(String value) {
        return new Settings.SettingsException(CONSOLE + " must be off, admin, accounts or admin,accounts, got '" + value + "'");
    }
}
