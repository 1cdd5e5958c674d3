package io.sift.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Another client's file transfer in a process of its own (tools/smack-peer, tools/slixmpp-peer). They
 * share one command line ({@code send}/{@code receive} with --jid, --password, ...) and print
 * machine-readable lines: {@code READY <jid>}, {@code OFFER ...}, {@code RESULT key=value ...}.
 */
public final class PeerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    /** @param program the command that starts the peer, before its arguments */
    PeerProcess(String name, List<String> program, List<String> args) throws IOException {
        this.name = name;
        List<String> command = new ArrayList<>(program);
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread reader = new Thread(this::readOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Arguments that receive {@code count} files into {@code into} as {@code user@localhost/resource}. */
    static List<String> receiveArgs(String user, String resource, Path into, int count, String... extra) {
        return args("receive", user, resource, List.of("--into", into.toString(), "--count", Integer.toString(count)),
                extra);
    }

    /** Arguments that send {@code file} from {@code user@localhost/resource} to {@code to}. */
    static List<String> sendArgs(String user, String resource, String to, Path file, String... extra) {
        return args("send", user, resource, List.of("--to", to, "--file", file.toString()), extra);
    }

    /**
     * Arguments of a peer's {@code command} as {@code user@localhost/resource}: the login, the command's
     * own arguments, a time-out of 300 s, then {@code extra}.
     */
    static List<String> args(String command, String user, String resource, List<String> own, String... extra) {
        List<String> args = new ArrayList<>(login(command, user, resource));
        args.addAll(own);
        args.addAll(List.of("--timeout", "300"));
        args.addAll(List.of(extra));
        return args;
    }

    private static List<String> login(String command, String user, String resource) {
        return List.of(command, "--jid", LocalProsody.jid(user), "--password", LocalProsody.password(user),
                "--host", LocalProsody.HOST, "--port", Integer.toString(LocalProsody.c2sPort()),
                "--resource", resource);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[" + name + "] " + line);
                synchronized (transcript) {
                    transcript.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("EOF " + e);
        }
        lines.add("EOF");
    }

    /** Waits for the next line starting with {@code prefix} (e.g. READY, RESULT) and returns its key=value pairs. */
    public Map<String, String> await(String prefix, Duration timeout) throws InterruptedException {
        return fields(awaitLine(prefix, line -> line.startsWith(prefix), timeout));
    }

    /** Waits for the next line that matches, skipping the lines before it, and returns it. */
    public String awaitLine(String what, Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError(name + " printed no " + what + " line in " + timeout.toSeconds()
                        + " s; output:\n" + transcript());
            }
            if (line.startsWith("EOF")) {
                throw new AssertionError(name + " ended before " + what + "; output:\n" + transcript());
            }
            if (match.test(line)) {
                return line;
            }
        }
    }

    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit; output:\n" + transcript());
        }
        return process.exitValue();
    }

    /** Kills the process at once (SIGKILL, as {@code kill -9}), waits until it is gone and returns its exit status. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return exitCode(Duration.ofSeconds(30));
    }

    /** The {@code key=value} words of a line; the whole line under {@code line}. */
    static Map<String, String> fields(String line) {
        Map<String, String> result = new HashMap<>();
        result.put("line", line);
        String[] parts = line.split(" ");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                result.putIfAbsent(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            } else {
                result.putIfAbsent(parts[i], "");
            }
        }
        return result;
    }

    private String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    @Override
    public String toString() {
        return name + " output:\n" + transcript();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
