package io.sift.connection.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * An account configuration that passed validation: every value is present and well formed.
 *
 * @param host empty when the server is to be found from the JID's domain
 * @param resource empty when the server is to pick one
 */
record AccountSettings(
        EntityBareJid jid,
        String password,
        Optional<String> host,
        int port,
        SecurityMode securityMode,
        Optional<Resourcepart> resource,
        boolean reconnect,
        long replyTimeoutMillis) {

    /** The outcome of validating a configuration: settings, or every problem found. */
    record Validation(Optional<AccountSettings> settings, List<String> problems) {
        boolean isValid() {
            return settings.isPresent();
        }
    }

    /** The configuration's fields, as named in its properties. */
    static final List<String> FIELDS = List.of("jid", "password", "host", "port", "securityMode", "resource",
            "reconnect", "replyTimeoutMillis");

    /**
     * As {@link #validate(AccountConfig)}, and a placeholder that interpolation left in a field (an
     * unset environment variable, a missing secret) is that field's problem, said as such rather
     * than as the malformed value it looks like.
     */
    static Validation validate(AccountConfig config, Map<String, ?> properties) {
        List<UnresolvedPlaceholders.Problem> unresolved = UnresolvedPlaceholders.in(properties, FIELDS);
        Validation validation = validate(config);
        if (unresolved.isEmpty()) {
            return validation;
        }
        Set<String> fields = unresolved.stream().map(UnresolvedPlaceholders.Problem::field).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        unresolved.forEach(p -> problems.add(p.toString()));
        validation.problems().stream()
                .filter(p -> !fields.contains(p.substring(0, Math.max(0, p.indexOf(':')))))
                .forEach(problems::add);
        return new Validation(Optional.empty(), List.copyOf(problems));
    }

    /**
     * Checks every field and reports all problems at once, so an administrator fixes a
     * configuration in one go. Never throws: DS hands over raw strings and a bad enum value or
     * number must become a problem, not an exception on the framework's thread.
     */
    static Validation validate(AccountConfig config) {
        List<String> problems = new ArrayList<>();

        EntityBareJid jid = null;
        String rawJid = text(problems, "jid", config::jid);
        if (rawJid != null) {
            if (rawJid.isBlank()) {
                problems.add("jid: missing (expected user@domain)");
            } else {
                jid = bareJid(rawJid.strip());
                if (jid == null) {
                    problems.add("jid: '" + printable(rawJid) + "' is not a bare JID (expected user@domain)");
                }
            }
        }

        String password = text(problems, "password", config::password);
        if (password != null && password.isEmpty()) {
            problems.add("password: empty");
        }

        Optional<String> host = Optional.empty();
        String rawHost = text(problems, "host", config::host);
        if (rawHost != null && !rawHost.isBlank()) {
            String h = rawHost.strip();
            if (h.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '/')) {
                problems.add("host: '" + printable(rawHost) + "' is not a host name or address");
            } else {
                host = Optional.of(h);
            }
        }

        int port = 0;
        try {
            port = config.port();
            if (port < 1 || port > 65535) {
                problems.add("port: " + port + " is out of range (1-65535)");
            }
        } catch (RuntimeException e) {
            problems.add("port: not a number");
        }

        SecurityMode securityMode = null;
        String rawMode = text(problems, "securityMode", config::securityMode);
        if (rawMode != null) {
            securityMode = securityMode(rawMode);
            if (securityMode == null) {
                problems.add("securityMode: '" + printable(rawMode) + "' is not one of REQUIRED, IF_POSSIBLE, DISABLED");
            }
        }

        Optional<Resourcepart> resource = Optional.empty();
        String rawResource = text(problems, "resource", config::resource);
        if (rawResource != null && !rawResource.isBlank()) {
            try {
                resource = Optional.of(Resourcepart.from(rawResource.strip()));
            } catch (XmppStringprepException | IllegalArgumentException e) {
                problems.add("resource: '" + printable(rawResource) + "' is not a valid resource");
            }
        }

        boolean reconnect = true;
        try {
            reconnect = config.reconnect();
        } catch (RuntimeException e) {
            problems.add("reconnect: not true or false");
        }

        long replyTimeout = 0;
        try {
            replyTimeout = config.replyTimeoutMillis();
            if (replyTimeout < 100) {
                problems.add("replyTimeoutMillis: " + replyTimeout + " is below the minimum of 100");
            }
        } catch (RuntimeException e) {
            problems.add("replyTimeoutMillis: not a number");
        }

        if (!problems.isEmpty()) {
            return new Validation(Optional.empty(), List.copyOf(problems));
        }
        return new Validation(Optional.of(new AccountSettings(
                jid, password, host, port, securityMode, resource, reconnect, replyTimeout)), List.of());
    }

    /** user@domain and nothing else: jxmpp alone would quietly drop a resource or keep control characters. */
    private static EntityBareJid bareJid(String raw) {
        if (raw.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        try {
            Jid parsed = JidCreate.from(raw);
            return parsed.hasNoResource() ? parsed.asEntityBareJidIfPossible() : null;
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Configuration values go into log lines: control characters must not forge extra lines. */
    private static String printable(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static SecurityMode securityMode(String raw) {
        return switch (raw.strip().toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "REQUIRED" -> SecurityMode.required;
            case "IF_POSSIBLE", "IFPOSSIBLE" -> SecurityMode.ifpossible;
            case "DISABLED" -> SecurityMode.disabled;
            default -> null;
        };
    }

    /** Reads a text field; a missing mandatory value (no default) surfaces as an exception from DS. */
    private static String text(List<String> problems, String field, java.util.function.Supplier<String> value) {
        try {
            String v = value.get();
            if (v == null) {
                problems.add(field + ": missing");
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(field + ": missing or unreadable");
            return null;
        }
    }

    @Override
    public String toString() {
        // never print the password
        return "AccountSettings[jid=" + jid + ", host=" + host.orElse("(from DNS)") + ", port=" + port
                + ", securityMode=" + securityMode + ", resource=" + resource.map(Object::toString).orElse("(server)")
                + ", reconnect=" + reconnect + "]";
    }
}
