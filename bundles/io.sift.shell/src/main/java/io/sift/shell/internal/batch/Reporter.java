package io.sift.shell.internal.batch;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.sift.api.Transfer;
import io.sift.shell.internal.Console;
import io.sift.shell.internal.LiveProgress;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.Printable;

/**
 * Where {@code sift:send} and {@code sift:receive} tell what happens. For people (the default): every
 * line on the console, the outcome of each file followed by its SHA-256. For scripts
 * ({@code --no-format}): one tab-separated result line per file on the output, and the lines for
 * people on the error stream, so that the output holds nothing else.
 */
final class Reporter {

    private final Console console;
    private final boolean forScripts;
    private final boolean forceProgress;

    /**
     * @param forScripts {@code --no-format}
     * @param forceProgress {@code --progress}: draw the bar even where the session does not know it
     *        may (the bar goes where the lines for people go)
     */
    Reporter(Console console, boolean forScripts, boolean forceProgress) {
        this.console = console;
        this.forScripts = forScripts;
        this.forceProgress = forceProgress;
    }

    /** A line for people. */
    void say(String line) {
        if (forScripts) {
            PrintStream err = console.err();
            err.println(line);
            err.flush();
        } else {
            console.println(line);
        }
    }

    /** A line only people who watch need: scripts do without it. */
    void tell(String line) {
        if (!forScripts) {
            console.println(line);
        }
    }

    /**
     * The end of one file: its result line for scripts, its outcome for people (the SHA-256 of what
     * was sent or stored follows a delivered file's).
     *
     * @param where the peer (sent) or the stored file (received), for the result line
     * @param timing the result line's last columns (milliseconds, check)
     * @param delivered whether the outcome is the one asked for; a failure's outcome is left to the caller
     */
    void ended(Transfer transfer, String where, String timing, boolean delivered) {
        Duration elapsed = Duration.between(transfer.started(), Instant.now());
        if (forScripts) {
            PrintStream out = console.out();
            out.println(io.sift.shell.text.ResultLine.of(transfer, where) + "\t" + timing);
            out.flush();
            if (delivered) {
                say(Outcome.line(transfer, elapsed));
            }
            return;
        }
        if (delivered) {
            console.println(Outcome.line(transfer, elapsed));
            transfer.sha256().ifPresent(sha -> console.println("SHA-256: " + sha + "  "
                    + Printable.of(transfer.file().map(Object::toString).orElse(transfer.fileName()))));
        }
    }

    /** Draws the joint progress of {@code transfers} until {@code done}, where and when a bar may be drawn. */
    void follow(CompletableFuture<?> done, Supplier<List<Transfer>> transfers) throws InterruptedException {
        PrintStream stream = forScripts ? console.err() : console.out();
        new LiveProgress(stream, console.width(), () -> forceProgress || console.drawsProgress(),
                LiveProgress.FRAME_INTERVAL, System::nanoTime).follow(done, transfers);
    }
}
