package io.sift.tools.smackpeer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jxmpp.jid.Jid;

/**
 * The machine-readable lines on stdout: an event name, then {@code key=value} pairs separated by single
 * spaces. Values never contain spaces: names and JIDs are percent-encoded (UTF-8), error texts have
 * their white space turned into '_' first. Each line is flushed at once, because the reading process
 * waits for it.
 */
final class Report {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void ready(Jid self) {
        line("READY " + token(self.toString()));
    }

    void offer(Jid from, String name, long size) {
        line("OFFER from=" + token(from.toString()) + " name=" + token(name) + " size=" + size);
    }

    /** {@code name} is the file name Smack offered: with several files it tells the lines apart. */
    void sent(String name, Outcome outcome) {
        line("RESULT status=" + outcome.status() + " name=" + token(name) + " bytes=" + outcome.bytes()
                + " millis=" + outcome.millis() + " method=" + outcome.method() + errorField(outcome.error()));
    }

    void received(String name, Outcome outcome, Optional<String> sha256) {
        line("RESULT status=" + outcome.status() + " name=" + token(name) + " bytes=" + outcome.bytes()
                + " millis=" + outcome.millis() + " sha256=" + sha256.orElse("-") + " method=" + outcome.method()
                + errorField(outcome.error()));
    }

    /** One in-band block stream's end (blocks-send, blocks-receive); sha256 "-" when it did not complete. */
    void blocks(String status, long bytes, long millis, String sha256, Optional<String> error) {
        line("BLOCKS status=" + status + " bytes=" + bytes + " millis=" + millis + " sha256=" + sha256
                + errorField(error));
    }

    private synchronized void line(String text) {
        // one print with its line break, as CpuAtOffer does: where stdout and stderr share one pipe, a
        // stderr line (the receiver's CPU mark at a later stream's open) cannot land inside this one
        out.print(text + '\n');
        out.flush();
    }

    private static String errorField(Optional<String> error) {
        return error.map(e -> " error=" + text(e)).orElse("");
    }

    /** Percent-encodes everything but printable ASCII, and '%' and '=' themselves: lossless and space-free. */
    static String token(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%' && c != '=') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Human text (error messages): readable with '_' for white space, still one space-free token. */
    static String text(String raw) {
        return token(raw.strip().replaceAll("\\s+", "_"));
    }
}
