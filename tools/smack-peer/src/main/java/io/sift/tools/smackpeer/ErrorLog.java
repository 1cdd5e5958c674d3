package io.sift.tools.smackpeer;

import java.io.PrintStream;

/** Problems on stderr: one line each, with the stack trace only when --verbose asked for it. */
final class ErrorLog {

    private final PrintStream err;
    private final boolean verbose;

    ErrorLog(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    void problem(String message) {
        line(message);
    }

    void problem(String what, Throwable cause) {
        line(what + ": " + describe(cause));
        if (verbose) {
            synchronized (err) {
                cause.printStackTrace(err);
                err.flush();
            }
        }
    }

    private void line(String message) {
        synchronized (err) {
            err.print("smack-peer: " + oneLine(message) + '\n');
            err.flush();
        }
    }

    /** The exception and its causes as one line: Smack often wraps the telling part. */
    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        Throwable t = cause;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                text.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return oneLine(text.toString());
    }

    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").strip();
    }
}
