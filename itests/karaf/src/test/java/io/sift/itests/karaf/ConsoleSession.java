package io.sift.itests.karaf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.LineReaderImpl;

/**
 * An interactive console of Karaf's shell, as Karaf's ssh server opens one: the same session class
 * with its JLine reader, prompt, completion and jobs, on an xterm whose keys the test types and whose
 * screen it reads. It runs as an administrator on a thread of its own.
 */
final class ConsoleSession implements AutoCloseable {

    private static final int EOF = -1;

    /** Keys typed, one character at a time; the end of input when closed. */
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Session session;
    private final Thread thread;

    ConsoleSession(SessionFactory factory) throws IOException {
        InputStream in = new InputStream() {
            @Override
            public int read() {
                try {
                    return keys.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return EOF;
                }
            }

            /** What was typed so far, at least one key: the terminal reads in blocks and must not wait for a full one. */
            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                int first = read();
                if (first == EOF) {
                    return EOF;
                }
                buffer[offset] = (byte) first;
                int n = 1;
                for (Integer next; n < length && (next = keys.peek()) != null && next != EOF; n++) {
                    buffer[offset + n] = (byte) (int) keys.remove();
                }
                return n;
            }
        };
        TestTerminal terminal = new TestTerminal(in, screen);
        PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        // no input stream of its own: commands read the terminal's, as over ssh
        this.session = asAdmin(() -> factory.create(null, out, out, terminal, "UTF-8", null));
        this.thread = asAdmin(() -> {
            Thread t = new Thread(session, "itest console");
            t.setDaemon(true);
            t.start();
            return t;
        });
    }

    /** Types text on the keyboard (a line is run when it ends with a new line). */
    void type(String text) {
        for (char c : text.toCharArray()) {
            keys.add((int) c);
        }
    }

    /** What the terminal showed so far, without its control sequences (colours, cursor moves). */
    String screen() {
        return plain(screen.toString(StandardCharsets.UTF_8));
    }

    static String plain(String text) {
        return text.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001B[=>]", "").replace("\b", "");
    }

    /** Waits until the screen, from {@code from} on, shows what {@code expected} looks for; returns that part. */
    String await(int from, Duration timeout, String what, Predicate<String> expected) throws InterruptedException {
        AtomicReference<String> part = new AtomicReference<>();
        boolean shown = Await.holdsWithin(timeout, () -> {
            part.set(screenFrom(from));
            return expected.test(part.get());
        });
        if (!shown) {
            throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + "; the console showed:\n" + part.get());
        }
        return part.get();
    }

    private String screenFrom(int from) {
        String text = screen();
        return text.substring(Math.min(from, text.length()));
    }

    /** The candidates TAB finds at the end of {@code line}, as the console's line reader asks its completer. */
    List<Candidate> complete(String line) {
        // the console's own reader, whose completer TAB calls
        LineReaderImpl reader = (LineReaderImpl) session.get(".jline.reader");
        return asAdmin(() -> {
            ParsedLine parsed = reader.getParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
            List<Candidate> candidates = new ArrayList<>();
            reader.getCompleter().complete(reader, parsed, candidates);
            return candidates;
        });
    }

    @Override
    public void close() throws InterruptedException {
        keys.add(EOF);
        session.close();
        thread.join(Duration.ofSeconds(10).toMillis());
    }

    static <T> T asAdmin(PrivilegedAction<T> action) {
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles"}) {
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        return Subject.doAs(admin, action);
    }
}
