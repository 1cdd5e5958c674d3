package io.sift.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogReaderService;

import io.sift.api.TransferListener;

/**
 * The runnable jar's command line, run by the launcher on the main thread once every bundle has
 * started; its return value is the process's exit status.
 */
final class Cli implements Callable<Integer> {

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final LogReaderService logReader;
    private final String[] args;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Cli(BundleContext context, ConfigurationAdmin configAdmin, LogReaderService logReader, String[] args,
            InputStream in, PrintStream out, PrintStream err) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.logReader = logReader;
        this.args = args.clone();
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CliArguments parsed;
        try {
            parsed = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            err.println("sift: " + e.getMessage() + " (java -jar sift.jar help)");
            return CliFailure.USAGE;
        }
        if (parsed.command() == CliArguments.Command.HELP) {
            out.println(CliArguments.usage());
            return 0;
        }
        boolean shell = parsed.command() == CliArguments.Command.SHELL;
        LogTail log = new LogTail(err, parsed.verbose() ? LogLevel.INFO : shell ? LogLevel.WARN : null);
        logReader.addLogListener(log);
        try {
            List<String> accounts = configure(parsed);
            return switch (parsed.command()) {
                case SHELL -> new InteractiveShell(context).run(in, out, err);
                case SEND -> send(parsed, accounts, log);
                case RECEIVE -> receive(parsed, accounts, log);
                case HELP -> 0;
            };
        } catch (CliFailure e) {
            err.println("sift: " + e.getMessage());
            return e.exitStatus();
        } catch (CliArguments.UsageException e) {
            err.println("sift: " + e.getMessage() + " (java -jar sift.jar help)");
            return CliFailure.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sift: interrupted");
            return 130;
        } catch (Exception e) {
            err.println("sift: " + e);
            return CliFailure.USAGE;
        } finally {
            logReader.removeLogListener(log);
            if (parsed.reportMemory()) {
                err.println(PeakHeap.line());
                err.flush();
            }
        }
    }

    private List<String> configure(CliArguments parsed) throws CliFailure, IOException, InterruptedException {
        Optional<Path> etc = parsed.etc();
        if (etc.isPresent() && !Files.isDirectory(etc.get())) {
            throw new CliFailure(CliFailure.USAGE, "no such folder: " + etc.get());
        }
        Path dir = etc.orElse(Path.of("etc"));
        new ConfigurationFolder(context, configAdmin).start(Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty(),
                err);
        if (parsed.account().isPresent()) {
            CommandLineAccount.configure(configAdmin, parsed.account().get());
        }
        return ConfiguredAccounts.jids(configAdmin);
    }

    private int send(CliArguments parsed, List<String> accounts, LogTail log) throws Exception {
        String jid = Accounts.choose(parsed.option("account"), accounts);
        List<Path> files = readableFiles(parsed.files());
        boolean progress = parsed.option("progress").isPresent() || System.console() != null;
        SendJob.Plan plan = new SendJob.Plan(parsed.receiver(), SendJob.options(parsed), parsed.waitPeer(),
                parsed.loginTimeout(), progress, parsed.option("one-by-one").isPresent(),
                parsed.option("report-cpu").isPresent(), parsed.retries());
        return onAccount(jid, parsed, log,
                (account, times) -> new SendJob(out, err, terminalWidth(), times).run(account, files, plan));
    }

    /** Checked before logging in: a typo should not cost the login timeout. */
    private static List<Path> readableFiles(List<String> names) throws CliFailure {
        List<Path> files = new ArrayList<>();
        Set<Path> fileNames = new HashSet<>();
        for (String name : names) {
            Path file = Path.of(name).toAbsolutePath();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new CliFailure(CliFailure.USAGE, "not a readable file: " + file);
            }
            if (!fileNames.add(file.getFileName())) {
                // the receiver would store the second as "name (1)": it could not tell them apart
                throw new CliFailure(CliFailure.USAGE, "two files named " + file.getFileName());
            }
            files.add(file);
        }
        return files;
    }

    private int receive(CliArguments parsed, List<String> accounts, LogTail log) throws Exception {
        String jid = Accounts.choose(parsed.option("account"), accounts);
        Path into = Path.of(parsed.option("into").orElse(".")).toAbsolutePath().normalize();
        if (Files.exists(into) && !Files.isDirectory(into)) {
            throw new CliFailure(CliFailure.USAGE, "not a directory: " + into);
        }
        int count = parsed.count();
        Duration timeout = parsed.receiveTimeout();
        boolean reportCpu = parsed.option("report-cpu").isPresent();
        return onAccount(jid, parsed, log, (account, times) -> new ReceiveJob(context, out, err, times)
                .run(account, into, count, timeout, reportCpu));
    }

    /** What send and receive do once the account is online. */
    private interface AccountJob {
        int run(AccountFiles account, TransferTimes times) throws CliFailure, InterruptedException;
    }

    /** Waits for the account, then runs the job with the transfers' times recorded from their events. */
    private int onAccount(String jid, CliArguments parsed, LogTail log, AccountJob job)
            throws CliFailure, InterruptedException {
        TransferTimes times = new TransferTimes();
        try (AccountFiles account = Accounts.awaitOnline(context, jid, parsed.loginTimeout(), log, err)) {
            ServiceRegistration<TransferListener> timing =
                    context.registerService(TransferListener.class, times, null);
            try {
                return job.run(account, times);
            } finally {
                unregister(timing);
            }
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }

    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        try {
            int width = columns == null ? 80 : Integer.parseInt(columns.strip());
            return Math.max(20, Math.min(500, width));
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
