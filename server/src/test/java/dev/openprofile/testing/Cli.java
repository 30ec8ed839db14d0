package dev.openprofile.testing;

import dev.openprofile.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/** Runs the openprofile command line in-process and captures what it prints on standard output. */
public final class Cli {
    public record Run(int exit, String out) {}

    private Cli() {}

    public static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true));
        try {
            return new Run(new CommandLine(new Main()).execute(args), buffer.toString());
        } finally {
            System.setOut(original);
        }
    }
}
