package dev.openprofile.cli;

import dev.openprofile.App;
import dev.openprofile.config.Settings;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the server.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings;
        try {
            settings = options.settings();
        } catch (Settings.SettingsException e) {
            System.err.println("openprofile: " + e.getMessage());
            return 2;
        }
        App app = App.start(settings, Clock.systemUTC(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C stop Jetty, then the embedded PostgreSQL: no orphan postgres process.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "openprofile-shutdown"));
        System.out.println("OpenProfile listening on " + app.settings().baseUrl() + " (data: "
                + (settings.databaseUrl().isPresent() ? "external PostgreSQL" : settings.dataDir()) + ")");
        stopped.await();
        return 0;
    }
}
