package io.sift.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogLevel;

import io.sift.shell.command.CommandFailure;

/**
 * The runnable jar's command line, run by the launcher on the main thread once every bundle has
 * started; its return value is the process's exit status. Without a command it opens Karaf's
 * console; with one, it runs that {@code sift:} command in a session of Karaf's shell, as a script
 * would ({@code --no-format}), and ends with its status.
 */
final class Cli implements Callable<Integer> {

    static final String SCRIPT_OUTPUT = "--no-format";
    /**
     * After a command stopped by a signal cancelled its transfers: how long the account stays online
     * before the framework stops. A cancel is a stanza to the peer, and the logout that follows is
     * another (the unavailable presence); a peer that handles both at once on different threads could
     * take the transfer for failed (peer gone) instead of cancelled without this moment between them.
     */
    static final Duration CANCEL_DELIVERY = Duration.ofMillis(500);

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final ProcessLog processLog;
    private final SessionFactory sessions;
    private final List<String> args;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Cli(BundleContext context, ConfigurationAdmin configAdmin, ProcessLog processLog, SessionFactory sessions,
            String[] args, InputStream in, PrintStream out, PrintStream err) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.processLog = processLog;
        this.sessions = sessions;
        this.args = List.of(args);
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, ActionSyntax> commands;
        Invocation invocation;
        try {
            commands = Commands.await(sessions);
            invocation = Invocation.parse(args, commands);
        } catch (UsageException e) {
            err.println("sift: " + e.getMessage() + " (java -jar sift.jar --help)");
            return CommandFailure.USAGE;
        }
        ProcessOptions process = invocation.process();
        if (process.version()) {
            out.println("SIFT " + version(context.getBundle().getVersion()));
            return 0;
        }
        if (process.help() && !invocation.commandHelp()) {
            out.print(Usage.text(commands));
            out.flush();
            return 0;
        }
        boolean shell = invocation.command().isEmpty();
        LogTail log = new LogTail(err, process.verbose() ? LogLevel.INFO : shell ? LogLevel.WARN : null);
        try (ProcessLog.Following following = processLog.follow(log)) {
            if (invocation.commandHelp()) {
                return script(invocation.command().get(), List.of("--help"));
            }
            List<String> accounts = configure(process);
            if (shell) {
                return new InteractiveShell(context, sessions, process.etc().orElse(Path.of("etc"))).run();
            }
            AccountStatuses.await(context, accounts, AccountStatuses.READY);
            String command = invocation.command().get();
            List<Object> parameters = new ArrayList<>(invocation.parameters());
            if (commands.get(command).hasOption(SCRIPT_OUTPUT) && !parameters.contains(SCRIPT_OUTPUT)) {
                parameters.add(0, SCRIPT_OUTPUT);
            }
            return script(command, parameters);
        } catch (CommandFailure e) {
            err.println("sift: " + e.getMessage());
            return e.exitStatus();
        } catch (IOException e) {
            err.println("sift: " + e.getMessage());
            return CommandFailure.USAGE;
        } finally {
            if (process.reportMemory()) {
                err.println(PeakHeap.line());
                err.flush();
            }
        }
    }

    /** Runs the command as a script would; Ctrl-C and SIGTERM stop it as Ctrl-C does in the console. */
    private int script(String command, List<Object> parameters) {
        boolean terminal = System.console() != null;
        PrintStream output = terminal ? out
                : new PrintStream(new PlainText(out), true, java.nio.charset.Charset.defaultCharset());
        ScriptRun run = new ScriptRun(sessions, in, output, err, terminal);
        try (Signals signals = new Signals(run::interrupt)) {
            try {
                run.run(command, parameters);
                return signals.caught().map(Signals.Caught::exitStatus).orElse(0);
            } catch (Exception e) {
                Optional<Signals.Caught> signal = signals.caught();
                if (signal.isPresent()) {
                    err.println("sift: " + signal.get().reason() + "; " + command + " stopped");
                    letCancelsArrive();
                    return signal.get().exitStatus();
                }
                return failed(e);
            }
        } finally {
            run.close();
            output.flush();
            out.flush();
            err.flush();
        }
    }

    private static void letCancelsArrive() {
        try {
            TimeUnit.MILLISECONDS.sleep(CANCEL_DELIVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line for the user and the exit status, from what the command threw. */
    private int failed(Exception e) {
        if (e instanceof CommandFailure failure) {
            err.println("sift: " + failure.getMessage());
            return failure.exitStatus();
        }
        if (e instanceof CommandException usage) {
            err.println("sift: " + usage.getMessage());
            return CommandFailure.USAGE;
        }
        if (e instanceof IllegalArgumentException usage) {
            err.println("sift: " + usage.getMessage());
            return CommandFailure.USAGE;
        }
        if (e instanceof InterruptedException) {
            err.println("sift: interrupted");
            return 130;
        }
        err.println("sift: " + e);
        return CommandFailure.TRANSFER_FAILED;
    }

    /** Hands the configuration files (and an account given on the command line) to ConfigAdmin. */
    private List<String> configure(ProcessOptions process) throws CommandFailure, IOException, InterruptedException {
        Optional<Path> etc = process.etc();
        if (etc.isPresent() && !Files.isDirectory(etc.get())) {
            throw new CommandFailure(CommandFailure.USAGE, "no such folder: " + etc.get());
        }
        Path dir = etc.orElse(Path.of("etc"));
        new ConfigurationFolder(context, configAdmin).start(Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty(),
                err);
        if (process.account().isPresent()) {
            CommandLineAccount.configure(configAdmin, process.account().get());
        }
        return ConfiguredAccounts.jids(configAdmin);
    }

    /** {@code 0.1.0-SNAPSHOT} from the bundle version {@code 0.1.0.SNAPSHOT}, as Maven names it. */
    static String version(Version version) {
        String plain = version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
        return version.getQualifier().isEmpty() ? plain : plain + "-" + version.getQualifier();
    }
}
