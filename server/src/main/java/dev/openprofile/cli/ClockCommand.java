package dev.openprofile.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** openprofile clock set | advance | real | show: the server's clock, through its admin API (all nodes follow). */
@Command(name = "clock", mixinStandardHelpOptions = true, description = "Set, move or release the server's clock.",
        subcommands = {ClockCommand.Set.class, ClockCommand.Advance.class, ClockCommand.Real.class, ClockCommand.Show.class})
final class ClockCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set the clock to TIME (RFC 3339) and freeze it there.")
    static final class Set extends ConsentCommand.Target implements Callable<Integer> {
        @Parameters(paramLabel = "TIME", description = "e.g. 2027-01-01T00:00:00Z") String time;

        @Override
        public Integer call() {
            return send("POST", "/admin/clock", dev.openprofile.jsonapi.Json.MAPPER.createObjectNode().put("now", time).toString());
        }
    }

    @Command(name = "advance", mixinStandardHelpOptions = true, description = "Move the clock SECONDS forward (frozen or running).")
    static final class Advance extends ConsentCommand.Target implements Callable<Integer> {
        @Parameters(paramLabel = "SECONDS") long seconds;

        @Override
        public Integer call() {
            return send("POST", "/admin/clock", "{\"advance_seconds\":" + seconds + "}");
        }
    }

    @Command(name = "real", mixinStandardHelpOptions = true, description = "Return to real time.")
    static final class Real extends ConsentCommand.Target implements Callable<Integer> {
        @Override
        public Integer call() {
            return send("DELETE", "/admin/clock", null);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the server's now and whether it is frozen.")
    static final class Show extends ConsentCommand.Target implements Callable<Integer> {
        @Override
        public Integer call() {
            return send("GET", "/admin/clock", null);
        }
    }
}
