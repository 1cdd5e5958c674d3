package io.sift.runtime.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The jar without a command: Gogo's shell on the terminal, with the {@code sift:} commands. The
 * shell bundle is told not to start a console of its own ({@code gosh.args=--nointeractive}), so a
 * one-shot command never has a prompt reading its input; this class starts the console instead.
 */
final class InteractiveShell {

    static final Duration READY = Duration.ofSeconds(30);

    private final BundleContext context;

    InteractiveShell(BundleContext context) {
        this.context = context;
    }

    int run(InputStream in, PrintStream out, PrintStream err) throws Exception {
        ServiceTracker<CommandProcessor, CommandProcessor> tracker =
                new ServiceTracker<>(context, CommandProcessor.class, null);
        tracker.open();
        try {
            CommandProcessor processor = tracker.waitForService(READY.toMillis());
            if (processor == null) {
                throw new CliFailure(CliFailure.USAGE, "the Gogo shell did not start");
            }
            try (CommandSession session = processor.createSession(in, out, err)) {
                long deadline = System.nanoTime() + READY.toNanos();
                // the shell bundle registers its gosh command once it sees the processor
                while (session.get("gogo:gosh") == null) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new CliFailure(CliFailure.USAGE, "the Gogo shell did not start");
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                out.println("SIFT shell. Commands: sift:accounts, sift:send, sift:transfers, sift:accept, "
                        + "sift:decline, sift:cancel ('help' lists all). Ctrl-D or 'exit 0' leaves.");
                session.execute("gosh --login --noshutdown");
            }
            return 0;
        } finally {
            tracker.close();
        }
    }
}
