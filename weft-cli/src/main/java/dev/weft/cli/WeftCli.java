package dev.weft.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weft} command. Run through the {@code ./weft} launcher, which builds this jar and
 * finds a JDK 25; the jar's manifest carries {@code Add-Opens: java.base/java.lang}.
 */
@Command(name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = WeftCli.Version.class,
        description = "weft, a task runtime for Java 25.",
        subcommands = {BenchCommand.class, CommandLine.HelpCommand.class})
public final class WeftCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, for {@link #main} and for tests that run it in-process */
    public static CommandLine commandLine() {
        return new CommandLine(new WeftCli());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WeftCli.class.getPackage().getImplementationVersion();
            return new String[] {"weft " + (v != null ? v : "(development build)") + " on JDK " + Runtime.version()};
        }
    }
}
