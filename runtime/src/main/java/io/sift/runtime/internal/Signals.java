package io.sift.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command runs without a console: instead of the JVM's default
 * (ending the process at once, with transfers cut off), the command is stopped as Ctrl-C stops it in
 * Karaf's console, so it cancels its transfers on both sides and removes partial files before the
 * process ends with 128 + the signal's number. A second signal ends the process at once.
 *
 * <p>A signal the process was started with ignored (a background job of a script, {@code nohup}) stays
 * ignored: the JVM installs no handler for it, as the one who started the process asked.
 */
final class Signals implements AutoCloseable {

    /** The signals handled, with their numbers (the exit status is 128 + the number). */
    static final Map<String, Integer> NUMBERS = Map.of("INT", 2, "TERM", 15);

    /** What a signal was, for the exit status and the one line that says why the command stopped. */
    record Caught(String name, int number) {

        int exitStatus() {
            return 128 + number;
        }

        String reason() {
            return name.equals("INT") ? "interrupted (SIGINT)" : "terminated (SIG" + name + ")";
        }
    }

    private final AtomicReference<Caught> caught = new AtomicReference<>();
    private final List<Map.Entry<Signal, SignalHandler>> previous = new ArrayList<>();

    /** @param stop stops the running command; called on the first signal, on a thread of the JVM's */
    Signals(Runnable stop) {
        for (Map.Entry<String, Integer> entry : NUMBERS.entrySet()) {
            Signal signal = new Signal(entry.getKey());
            Caught mine = new Caught(entry.getKey(), entry.getValue());
            try {
                previous.add(Map.entry(signal, Signal.handle(signal, s -> {
                    if (!caught.compareAndSet(null, mine)) {
                        Runtime.getRuntime().halt(caught.get().exitStatus());
                    }
                    stop.run();
                })));
            } catch (IllegalArgumentException notHere) {
                // a platform without this signal (or the JVM keeps it): the default stays
            }
        }
    }

    /** The first signal that arrived, if any. */
    Optional<Caught> caught() {
        return Optional.ofNullable(caught.get());
    }

    @Override
    public void close() {
        previous.forEach(p -> Signal.handle(p.getKey(), p.getValue()));
    }
}
