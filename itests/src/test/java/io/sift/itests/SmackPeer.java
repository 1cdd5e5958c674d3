package io.sift.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Smack's own FileTransferManager in a JVM of its own (tools/smack-peer), the reference peer SIFT
 * must interoperate with. Reads its machine-readable output lines.
 */
public final class SmackPeer implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private SmackPeer(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[smack-peer] " + line);
                    synchronized (transcript) {
                        transcript.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("EOF " + e);
            }
            lines.add("EOF");
        }, "smack-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Receives {@code count} files into {@code into} as {@code user@localhost/smack}. */
    public static SmackPeer receive(String user, Path into, int count, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("receive", "--jid", LocalProsody.jid(user),
                "--password", LocalProsody.password(user), "--host", LocalProsody.HOST,
                "--port", Integer.toString(LocalProsody.c2sPort()), "--resource", "smack",
                "--into", into.toString(), "--count", Integer.toString(count), "--timeout", "300"));
        args.addAll(List.of(extra));
        return new SmackPeer(args);
    }

    /** Sends {@code file} from {@code user@localhost/smack} to {@code to}. */
    public static SmackPeer send(String user, String to, Path file, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("send", "--jid", LocalProsody.jid(user),
                "--password", LocalProsody.password(user), "--host", LocalProsody.HOST,
                "--port", Integer.toString(LocalProsody.c2sPort()), "--resource", "smack",
                "--to", to, "--file", file.toString(), "--timeout", "300"));
        args.addAll(List.of(extra));
        return new SmackPeer(args);
    }

    /** Waits for the next line starting with {@code prefix} (e.g. READY, RESULT) and returns its key=value pairs. */
    public Map<String, String> await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("smack-peer printed no " + prefix + " line in " + timeout.toSeconds()
                        + " s; output:\n" + transcript());
            }
            if (line.startsWith("EOF")) {
                throw new AssertionError("smack-peer ended before " + prefix + "; output:\n" + transcript());
            }
            if (line.startsWith(prefix)) {
                return fields(line);
            }
        }
    }

    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("smack-peer did not exit; output:\n" + transcript());
        }
        return process.exitValue();
    }

    static Map<String, String> fields(String line) {
        Map<String, String> result = new HashMap<>();
        String[] parts = line.split(" ");
        result.put("line", line);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                result.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            } else {
                result.put(parts[i], "");
            }
        }
        return result;
    }

    private String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    private static Path jar() {
        String jar = System.getProperty("sift.smack.peer");
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("smack-peer jar not found at " + jar + " (build tools/smack-peer first: mvn verify)");
        }
        return Paths.get(jar);
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
