package io.sift.socks5.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.sift.common.ConfigLists;
import io.sift.common.Printable;

/**
 * A configuration of the SOCKS5 method that passed validation.
 *
 * @param bindAddress empty: the wildcard address
 * @param advertisedAddresses empty: the host's interface addresses
 */
record Socks5Settings(
        boolean directEnabled,
        Optional<InetAddress> bindAddress,
        int port,
        List<String> advertisedAddresses,
        List<ProxyEntry> proxies,
        boolean discoverProxies,
        long proxyCacheSeconds,
        long connectTimeoutMillis,
        long handshakeTimeoutMillis,
        long staggerMillis,
        long usedTimeoutMillis,
        long activateTimeoutMillis,
        long acceptTimeoutMillis,
        int maxPendingConnections,
        int maxPendingPerAddress,
        int priority) {

    static final int MAX_PENDING_LIMIT = 4096;

    Socks5Settings {
        advertisedAddresses = List.copyOf(advertisedAddresses);
        proxies = List.copyOf(proxies);
    }

    /** The longest a streamhost may take from the start of the connection to the end of the SOCKS5 reply. */
    long attemptMillis() {
        return connectTimeoutMillis + handshakeTimeoutMillis;
    }

    /** What the direct streamhost allows connections that have not identified their stream. */
    PendingLimits pendingLimits() {
        return new PendingLimits(acceptTimeoutMillis, maxPendingConnections, maxPendingPerAddress);
    }

    /** The outcome of validating a configuration: settings, or every problem found. */
    record Validation(Optional<Socks5Settings> settings, List<String> problems) {
        boolean isValid() {
            return settings.isPresent();
        }
    }

    /**
     * Checks every field and reports all problems at once. Never throws: DS hands over raw strings,
     * and a value it cannot convert must become a problem, not an exception on the framework's thread.
     */
    static Validation validate(Socks5Config config) {
        List<String> problems = new ArrayList<>();
        boolean directEnabled = bool(problems, "directEnabled", config::directEnabled);
        boolean discoverProxies = bool(problems, "discoverProxies", config::discoverProxies);
        int port = intInRange(problems, "port", config::port, 0, 65535);
        long proxyCache = millis(problems, "proxyCacheSeconds", config::proxyCacheSeconds, 0);
        long connect = millis(problems, "connectTimeoutMillis", config::connectTimeoutMillis, 1);
        long handshake = millis(problems, "handshakeTimeoutMillis", config::handshakeTimeoutMillis, 1);
        long stagger = millis(problems, "staggerMillis", config::staggerMillis, 0);
        long used = millis(problems, "usedTimeoutMillis", config::usedTimeoutMillis, 1);
        long activate = millis(problems, "activateTimeoutMillis", config::activateTimeoutMillis, 1);
        long accept = millis(problems, "acceptTimeoutMillis", config::acceptTimeoutMillis, 1);
        int maxPending = intInRange(problems, "maxPendingConnections", config::maxPendingConnections, 1,
                MAX_PENDING_LIMIT);
        int maxPerAddress = intInRange(problems, "maxPendingPerAddress", config::maxPendingPerAddress, 1,
                MAX_PENDING_LIMIT);
        int priority = intInRange(problems, "priority", config::priority, Integer.MIN_VALUE, Integer.MAX_VALUE);

        Optional<InetAddress> bindAddress = Optional.empty();
        String bind = text(problems, "bindAddress", config::bindAddress);
        if (bind != null && !bind.isBlank()) {
            bindAddress = Hosts.ipLiteral(bind.strip());
            if (bindAddress.isEmpty()) {
                problems.add("bindAddress: '" + Printable.of(bind) + "' is not an IP literal");
            }
        }

        List<String> advertised = new ArrayList<>();
        for (String value : list(problems, "advertisedAddresses", config::advertisedAddresses)) {
            String host = value.strip();
            if (Hosts.isUsable(host)) {
                advertised.add(Hosts.unbracketed(host));
            } else {
                problems.add("advertisedAddresses: '" + Printable.of(value) + "' is neither an IP literal nor a host name");
            }
        }

        List<ProxyEntry> proxies = new ArrayList<>();
        for (String value : list(problems, "proxies", config::proxies)) {
            Optional<ProxyEntry> entry = ProxyEntry.parse(value);
            if (entry.isPresent()) {
                proxies.add(entry.get());
            } else {
                problems.add("proxies: '" + Printable.of(value) + "' is neither 'jid' nor 'jid host:port'");
            }
        }

        if (!problems.isEmpty()) {
            return new Validation(Optional.empty(), List.copyOf(problems));
        }
        return new Validation(Optional.of(new Socks5Settings(directEnabled, bindAddress, port, advertised, proxies,
                discoverProxies, proxyCache, connect, handshake, stagger, used, activate, accept, maxPending,
                maxPerAddress, priority)), List.of());
    }

    private static boolean bool(List<String> problems, String field, BooleanSupplier value) {
        try {
            return value.getAsBoolean();
        } catch (RuntimeException e) {
            problems.add(field + ": not true or false");
            return false;
        }
    }

    private static int intInRange(List<String> problems, String field, IntSupplier value, int min, int max) {
        try {
            int v = value.getAsInt();
            if (v < min || v > max) {
                problems.add(field + ": " + v + " is out of range (" + min + "-" + max + ")");
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(field + ": not a number");
            return 0;
        }
    }

    private static long millis(List<String> problems, String field, LongSupplier value, long min) {
        try {
            long v = value.getAsLong();
            if (v < min) {
                problems.add(field + ": " + v + " is below the minimum of " + min);
            }
            return v;
        } catch (RuntimeException e) {
            problems.add(field + ": not a number");
            return 0;
        }
    }

    private static String text(List<String> problems, String field, Supplier<String> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            problems.add(field + ": unreadable");
            return null;
        }
    }

    private static List<String> list(List<String> problems, String field, Supplier<String[]> value) {
        try {
            return ConfigLists.entries(value.get());
        } catch (RuntimeException e) {
            problems.add(field + ": unreadable");
            return List.of();
        }
    }
}
