package io.sift.eclipse.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $[secret:NAME]} placeholder, in the syntax of Felix ConfigAdmin's interpolation plugin
 * (which Karaf uses), so a configuration written by the preference page reads the same everywhere.
 */
public final class SecretPlaceholders {

    /** Names are file names to the Felix plugin: letters, digits, dot, dash and underscore. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\[secret:([A-Za-z0-9._-]+)\\]");

    private SecretPlaceholders() {
    }

    public static String of(String name) {
        if (!PLACEHOLDER.matcher("$[secret:" + name + "]").matches()) {
            throw new IllegalArgumentException("not a secret name: " + name);
        }
        return "$[secret:" + name + "]";
    }

    /** The secret's name when the whole value is one placeholder. */
    public static Optional<String> name(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        Matcher m = PLACEHOLDER.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The value with every placeholder whose secret is known replaced; unknown ones stay as they are
     * (another plugin, such as Felix's, may know them).
     */
    public static String resolve(String value, Function<String, Optional<String>> secrets) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = secrets.apply(m.group(1)).orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A secret name for an account configuration name: {@code sift-} and the name made safe. */
    public static String forAccount(String configurationName) {
        return "sift-" + configurationName.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
