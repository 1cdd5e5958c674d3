package io.sift.connection.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interpolation placeholders ({@code $[env:NAME]}, {@code $[secret:NAME]}, {@code $[prop:NAME]}) still
 * in an account's configuration. ConfigAdmin's interpolation plugin (in Karaf, in the runnable jar)
 * replaces them before the configuration reaches the account, and leaves one in place when it has no
 * value for it: the variable is not set, there is no such secret file. Logging in with the
 * placeholder's text as the password would only earn a refused login that hides the cause, so every
 * placeholder left is a problem of the configuration, named with what is missing.
 */
final class UnresolvedPlaceholders {

    /** One field holding a placeholder that was not replaced, and what that means. */
    record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    // the plugin's syntax: $[type:name] or $[type:name;directive=value;...]; \$[ is an escaped, literal one
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\\\)\\$\\[(env|secret|prop):([^\\];]*)(;[^\\]]*)?\\]");

    private UnresolvedPlaceholders() {
    }

    /** The placeholders left in the given fields of the configuration's properties, field by field. */
    static List<Problem> in(Map<String, ?> properties, List<String> fields) {
        List<Problem> problems = new ArrayList<>();
        for (String field : fields) {
            Object value = properties.get(field);
            if (value instanceof String text) {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    problems.add(new Problem(field, m.group() + " was not replaced: " + missing(m.group(1), m.group(2))));
                }
            }
        }
        return List.copyOf(problems);
    }

    private static String missing(String type, String name) {
        return switch (type) {
            case "env" -> "the environment variable " + name + " is not set";
            case "secret" -> "there is no secret file " + name + " in the secrets directory";
            default -> "the framework property " + name + " is not set";
        };
    }
}
