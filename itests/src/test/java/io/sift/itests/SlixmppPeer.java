package io.sift.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * slixmpp's SI file transfer in a process of its own (tools/slixmpp-peer/peer.py, run by Debian's
 * /usr/bin/python3, which has python3-slixmpp). Same command line and output lines as {@link SmackPeer}.
 */
public final class SlixmppPeer implements AutoCloseable {

    /** Debian's interpreter: the one python3-slixmpp is installed for. */
    private static final String PYTHON = "/usr/bin/python3";
    public static final String RESOURCE = "slixmpp";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private SlixmppPeer(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString()));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[slixmpp-peer] " + line);
                    synchronized (transcript) {
                        transcript.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("EOF " + e);
            }
            lines.add("EOF");
        }, "slixmpp-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Receives {@code count} files into {@code into} as {@code user@localhost/slixmpp}. */
    public static SlixmppPeer receive(String user, Path into, int count, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("receive", "--jid", LocalProsody.jid(user),
                "--password", LocalProsody.password(user), "--host", LocalProsody.HOST,
                "--port", Integer.toString(LocalProsody.c2sPort()), "--resource", RESOURCE,
                "--into", into.toString(), "--count", Integer.toString(count), "--timeout", "300"));
        args.addAll(List.of(extra));
        return new SlixmppPeer(args);
    }

    /** Sends {@code file} from {@code user@localhost/slixmpp} to {@code to}. */
    public static SlixmppPeer send(String user, String to, Path file, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("send", "--jid", LocalProsody.jid(user),
                "--password", LocalProsody.password(user), "--host", LocalProsody.HOST,
                "--port", Integer.toString(LocalProsody.c2sPort()), "--resource", RESOURCE,
                "--to", to, "--file", file.toString(), "--timeout", "300"));
        args.addAll(List.of(extra));
        return new SlixmppPeer(args);
    }

    /** Waits for the next line starting with {@code prefix} (e.g. READY, RESULT) and returns its key=value pairs. */
    public Map<String, String> await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("slixmpp-peer printed no " + prefix + " line in " + timeout.toSeconds()
                        + " s; output:\n" + transcript());
            }
            if (line.startsWith("EOF")) {
                throw new AssertionError("slixmpp-peer ended before " + prefix + "; output:\n" + transcript());
            }
            if (line.startsWith(prefix)) {
                return SmackPeer.fields(line);
            }
        }
    }

    public int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("slixmpp-peer did not exit; output:\n" + transcript());
        }
        return process.exitValue();
    }

    private String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    private static Path script() {
        Path script = LocalProsody.projectDir().resolve("tools/slixmpp-peer/peer.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("slixmpp-peer not found at " + script);
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new IllegalStateException(PYTHON + " is missing (apt-get install python3-slixmpp)");
        }
        return script;
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
