package io.sift.shell.internal;

import java.util.function.Function;

/**
 * The width of the terminal a command prints to. Karaf's shell keeps it in the session variable
 * {@code #COLUMNS}; other shells may set {@code COLUMNS}; a session without a real terminal (a
 * script, a remote call) reports 0, and then a common default is used.
 */
public final class TerminalWidth {

    static final int DEFAULT = 80;
    public static final int MIN = 20;
    public static final int MAX = 500;

    private TerminalWidth() {
    }

    /** @param variables the session's variables, then the environment, by name */
    public static int of(Function<String, Object> variables) {
        for (String name : new String[] {"#COLUMNS", "COLUMNS"}) {
            Integer width = parse(variables.apply(name));
            if (width != null) {
                return width;
            }
        }
        return DEFAULT;
    }

    private static Integer parse(Object value) {
        if (value == null) {
            return null;
        }
        try {
            int width = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
            if (width <= 0) {
                return null;
            }
            return Math.max(MIN, Math.min(MAX, width));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
