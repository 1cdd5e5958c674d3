package io.sift.runtime.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The runnable jar in a process of its own, its output collected line by line as it comes. */
final class JarProcess implements AutoCloseable {

    /** How a finished run ended. */
    record Outcome(int exitStatus, List<String> stdoutLines, List<String> stderrLines) {
        String stderr() {
            return String.join("\n", stderrLines);
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + "\n--- stdout\n" + String.join("\n", stdoutLines) + "\n--- stderr\n" + stderr();
        }
    }

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;
    private final Writer stdin;

    private JarProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), stdout, "stdout");
        this.errReader = collect(process.getErrorStream(), stderr, "stderr");
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static JarProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    /** @param environment variables set for the process (a null value removes one it would inherit) */
    static JarProcess start(Path workDir, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(InheritedSignals.restoreInterrupt());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new JarProcess(builder.start());
    }

    /** Runs to the end with no input. */
    static Outcome run(Path workDir, Duration timeout, String... args) throws Exception {
        return run(workDir, Map.of(), timeout, args);
    }

    /** Runs to the end with no input, with these environment variables (see {@link #start(Path, Map, String...)}). */
    static Outcome run(Path workDir, Map<String, String> environment, Duration timeout, String... args)
            throws Exception {
        try (JarProcess p = start(workDir, environment, args)) {
            p.stdin.close();
            return p.await(timeout);
        }
    }

    static Path jar() {
        String jar = System.getProperty("sift.jar");
        if (jar == null) {
            throw new IllegalStateException("system property sift.jar is not set (run the itests through Maven)");
        }
        return Path.of(jar);
    }

    void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Types a command again and again until the output shows the text. */
    void repeatUntil(String command, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!contains(stdout, l -> l.contains(text))) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                throw new AssertionError("'" + text + "' never showed after '" + command + "'\n" + snapshot());
            }
            type(command);
            waitForOutput(Duration.ofMillis(500));
        }
    }

    /** Sends a signal (INT, TERM) to the process, as Ctrl-C or kill would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** Ends the process's input, as Ctrl-D on a terminal. */
    void endInput() throws IOException {
        stdin.close();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a line of standard output that starts with {@code prefix}, and returns it. */
    String awaitStdoutLine(String prefix, Duration timeout) throws InterruptedException {
        awaitLine(stdout, prefix, timeout);
        synchronized (this) {
            return stdout.stream().filter(l -> l.contains(prefix)).findFirst().orElseThrow();
        }
    }

    /** Returns when a line arrives on either stream or the time passes (a pause that ends early). */
    void awaitAnyOutput(Duration max) throws InterruptedException {
        waitForOutput(max);
    }

    void awaitStdout(String text, Duration timeout) throws InterruptedException {
        awaitLine(stdout, text, timeout);
    }

    void awaitStderr(String text, Duration timeout) throws InterruptedException {
        awaitLine(stderr, text, timeout);
    }

    Outcome await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s\n" + snapshot());
        }
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        synchronized (this) {
            return new Outcome(process.exitValue(), List.copyOf(stdout), List.copyOf(stderr));
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitLine(List<String> lines, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!contains(lines, l -> l.contains(text))) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive() && !outReader.isAlive() && !errReader.isAlive()) {
                throw new AssertionError("no line with '" + text + "'\n" + snapshot());
            }
            waitForOutput(Duration.ofMillis(200));
        }
    }

    private synchronized boolean contains(List<String> lines, Predicate<String> test) {
        return lines.stream().anyMatch(test);
    }

    /** Returns when a new line arrives or the time passes. */
    private synchronized void waitForOutput(Duration max) throws InterruptedException {
        wait(max.toMillis());
    }

    private synchronized String snapshot() {
        return "--- stdout\n" + String.join("\n", stdout) + "\n--- stderr\n" + String.join("\n", stderr);
    }

    private Thread collect(InputStream in, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "sift.jar " + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
