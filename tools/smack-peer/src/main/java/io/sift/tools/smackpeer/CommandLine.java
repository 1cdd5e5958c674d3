package io.sift.tools.smackpeer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Turns the arguments into a {@link PeerCommand}, or a {@link UsageException} naming the first problem.
 * Everything that can be checked without the network is checked here, so a run never fails half-way
 * for a typing error.
 */
final class CommandLine {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 5222;
    static final String DEFAULT_RESOURCE = "smack";
    static final int DEFAULT_TIMEOUT_SECONDS = 120;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    static final int MAX_COUNT = 100_000;
    static final int DEFAULT_BLOCK_SIZE = 65535;
    static final int DEFAULT_WINDOW = 64;
    static final int MAX_WINDOW = 1024;
    static final int MAX_STREAMS = 1000;
    private static final String COMMANDS = "send, receive, blocks-send or blocks-receive";

    static final String USAGE = """
            usage:
              smack-peer send    --jid JID --password PW [--host 127.0.0.1] [--port 5222] [--resource smack]
                                 --to FULL_JID --file PATH [--file PATH]... [--one-by-one]
                                 [--method any|ibb|socks5] [--ibb-block-size N] [--streamhost ADDR]...
                                 [--no-local-streamhost] [--timeout SECONDS] [--desc TEXT] [--verbose]
              smack-peer receive --jid JID --password PW [--host 127.0.0.1] [--port 5222] [--resource smack]
                                 --into DIR [--count 1] [--keep-going] [--no-digest] [--timeout 120]
                                 [--streamhost ADDR]... [--no-local-streamhost] [--verbose]
              smack-peer blocks-send    --jid JID --password PW [--host 127.0.0.1] [--port 5222] [--resource smack]
                                 --to FULL_JID --file PATH [--ibb-block-size 65535] [--window 64]
                                 [--streams 1] [--one-listener] [--timeout 120] [--verbose]
              smack-peer blocks-receive --jid JID --password PW [--host 127.0.0.1] [--port 5222] [--resource smack]
                                 --into FILE [--streams 1] [--timeout 120] [--verbose]
            send: every --file is offered at once to --to, or each after the previous one ended with
                  --one-by-one; one RESULT line per file; --timeout applies to each file; no two files
                  may have the same file name
            receive: ends after --count complete transfers, or at the first failed one; with --keep-going a
                  failed transfer is reported and more offers are accepted until --count completed; each
                  RESULT line has the received file's SHA-256, read back as its transfer ends (--no-digest:
                  sha256=-, for benchmarks that check the files themselves)
            blocks-send, blocks-receive: the file as bare XEP-0047 data IQs through Smack's IQ API, up to
                  --window of them unanswered, with no stream initiation and no file-transfer manager: what
                  a client built on Smack pays for in-band blocks of one size; --into is the file written;
                  one BLOCKS line per stream, with the SHA-256 of the bytes read or written; --streams: that
                  many streams of the file one after another (each rewrites --into), the CPU lines taken
                  around the last one, so that the earlier ones warm the process up; --one-listener: one
                  listener takes every answer, in place of Smack's request per block (its reply filter,
                  collector and timeout), so that only Smack's writer and reader are left per block
            exit codes: 0 all transfers complete, 1 a transfer failed, 2 bad command line,
                        3 connection or login failed, 4 timeout (send: the first failure printed decides)
            """;

    private enum Kind { VALUE, REPEATED, FLAG }

    private static final Map<String, Kind> COMMON = Map.of(
            "--jid", Kind.VALUE,
            "--password", Kind.VALUE,
            "--host", Kind.VALUE,
            "--port", Kind.VALUE,
            "--resource", Kind.VALUE,
            "--timeout", Kind.VALUE,
            "--verbose", Kind.FLAG);

    private static final Map<String, Kind> STREAMHOSTS = Map.of(
            "--streamhost", Kind.REPEATED,
            "--no-local-streamhost", Kind.FLAG);

    private static final Map<String, Kind> SEND = Map.of(
            "--to", Kind.VALUE,
            "--file", Kind.REPEATED,
            "--one-by-one", Kind.FLAG,
            "--method", Kind.VALUE,
            "--ibb-block-size", Kind.VALUE,
            "--desc", Kind.VALUE);

    private static final Map<String, Kind> RECEIVE = Map.of(
            "--into", Kind.VALUE,
            "--count", Kind.VALUE,
            "--keep-going", Kind.FLAG,
            "--no-digest", Kind.FLAG);

    private static final Map<String, Kind> BLOCKS_SEND = Map.of(
            "--to", Kind.VALUE,
            "--file", Kind.VALUE,
            "--ibb-block-size", Kind.VALUE,
            "--window", Kind.VALUE,
            "--streams", Kind.VALUE,
            "--one-listener", Kind.FLAG);

    private static final Map<String, Kind> BLOCKS_RECEIVE = Map.of(
            "--into", Kind.VALUE,
            "--streams", Kind.VALUE);

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private CommandLine() {
    }

    static PeerCommand parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("missing command: " + COMMANDS);
        }
        String command = args.get(0);
        Map<String, Kind> known = new HashMap<>(COMMON);
        switch (command) {
            case "send" -> known.putAll(withStreamhosts(SEND));
            case "receive" -> known.putAll(withStreamhosts(RECEIVE));
            case "blocks-send" -> known.putAll(BLOCKS_SEND);
            case "blocks-receive" -> known.putAll(BLOCKS_RECEIVE);
            default -> throw new UsageException("unknown command '" + printable(command) + "': expected " + COMMANDS);
        }
        Given given = Given.collect(command, known, args.subList(1, args.size()));

        LoginOptions login = login(given);
        Duration timeout = Duration.ofSeconds(
                given.number("--timeout", 1, MAX_TIMEOUT_SECONDS).orElse(DEFAULT_TIMEOUT_SECONDS));
        boolean verbose = given.flag("--verbose");
        if (command.equals("blocks-send")) {
            return new BlockSendCommand(login, fullJid(given.required("--to")), readableFile(given.required("--file")),
                    given.number("--ibb-block-size", 1, 65535).orElse(DEFAULT_BLOCK_SIZE),
                    given.number("--window", 1, MAX_WINDOW).orElse(DEFAULT_WINDOW),
                    given.number("--streams", 1, MAX_STREAMS).orElse(1), given.flag("--one-listener"), timeout,
                    verbose);
        }
        if (command.equals("blocks-receive")) {
            return new BlockReceiveCommand(login, newFile(given.required("--into")),
                    given.number("--streams", 1, MAX_STREAMS).orElse(1), timeout, verbose);
        }
        StreamhostOptions streamhosts = streamhosts(given);

        if (command.equals("send")) {
            return new SendCommand(login, streamhosts,
                    fullJid(given.required("--to")),
                    files(given),
                    given.flag("--one-by-one"),
                    method(given.optional("--method").orElse("any")),
                    given.number("--ibb-block-size", 1, 65535),
                    given.optional("--desc"),
                    timeout, verbose);
        }
        return new ReceiveCommand(login, streamhosts,
                writableDirectory(given.required("--into")),
                given.number("--count", 1, MAX_COUNT).orElse(1),
                given.flag("--keep-going"),
                !given.flag("--no-digest"),
                timeout, verbose);
    }

    private static LoginOptions login(Given given) throws UsageException {
        EntityBareJid jid = bareJid(given.required("--jid"));
        String password = given.required("--password");
        if (password.isEmpty()) {
            throw new UsageException("--password: empty");
        }
        String host = given.optional("--host").orElse(DEFAULT_HOST);
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '/')) {
            throw new UsageException("--host: '" + printable(host) + "' is not a host name or address");
        }
        int port = given.number("--port", 1, 65535).orElse(DEFAULT_PORT);
        String rawResource = given.optional("--resource").orElse(DEFAULT_RESOURCE);
        Resourcepart resource;
        try {
            if (rawResource.isBlank() || rawResource.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException();
            }
            resource = Resourcepart.from(rawResource);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new UsageException("--resource: '" + printable(rawResource) + "' is not a valid resource");
        }
        return new LoginOptions(jid, password, host, port, resource);
    }

    private static StreamhostOptions streamhosts(Given given) throws UsageException {
        boolean localEnabled = !given.flag("--no-local-streamhost");
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String raw : given.all("--streamhost")) {
            addresses.add(ipLiteral(raw));
        }
        if (!localEnabled && !addresses.isEmpty()) {
            throw new UsageException("--streamhost and --no-local-streamhost exclude each other");
        }
        return new StreamhostOptions(new ArrayList<>(addresses), localEnabled);
    }

    /** Literals only: a host name here would mean a DNS lookup, and an address nobody typed. */
    private static InetAddress ipLiteral(String raw) throws UsageException {
        String what = "--streamhost: '" + printable(raw) + "'";
        if (!IPV4.matcher(raw).matches() && !IPV6.matcher(raw).matches()) {
            throw new UsageException(what + " is not an IP address");
        }
        InetAddress address;
        try {
            // a literal is parsed, never looked up
            address = InetAddress.getByName(raw);
        } catch (UnknownHostException e) {
            throw new UsageException(what + " is not an IP address");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new UsageException(what + " is not an address a peer can connect to");
        }
        return address;
    }

    private static EntityBareJid bareJid(String raw) throws UsageException {
        Jid jid = jid("--jid", raw);
        EntityBareJid bare = jid.hasNoResource() ? jid.asEntityBareJidIfPossible() : null;
        if (bare == null) {
            throw new UsageException("--jid: '" + printable(raw) + "' is not a bare JID (user@domain; use --resource)");
        }
        return bare;
    }

    private static EntityFullJid fullJid(String raw) throws UsageException {
        EntityFullJid full = jid("--to", raw).asEntityFullJidIfPossible();
        if (full == null) {
            throw new UsageException("--to: '" + printable(raw) + "' is not a full JID (user@domain/resource)");
        }
        return full;
    }

    private static Jid jid(String option, String raw) throws UsageException {
        // jxmpp keeps control characters; a JID with a line break in it would forge output lines
        if (raw.isEmpty() || raw.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException(option + ": '" + printable(raw) + "' is not a JID");
        }
        try {
            return JidCreate.from(raw);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new UsageException(option + ": '" + printable(raw) + "' is not a JID");
        }
    }

    /**
     * Smack offers a file under its file name only, and the receiver stores and reports it under that name:
     * two files with one name could not be told apart, or the second would overwrite the first.
     */
    private static List<Path> files(Given given) throws UsageException {
        given.required("--file");
        Map<String, String> rawByName = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (String raw : given.all("--file")) {
            Path file = readableFile(raw);
            String earlier = rawByName.putIfAbsent(file.getFileName().toString(), raw);
            if (earlier != null) {
                throw new UsageException("--file: '" + printable(earlier) + "' and '" + printable(raw)
                        + "' have the same file name: the receiver could not tell them apart");
            }
            files.add(file);
        }
        return files;
    }

    private static Path readableFile(String raw) throws UsageException {
        Path path = path("--file", raw);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UsageException("--file: '" + printable(raw) + "' is not a readable file");
        }
        return path;
    }

    /** A file to be written: its folder exists and is writable, and nothing is in its place yet. */
    private static Path newFile(String raw) throws UsageException {
        Path path = path("--into", raw).toAbsolutePath().normalize();
        Path folder = path.getParent();
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new UsageException("--into: '" + printable(raw) + "' is not in a writable directory");
        }
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UsageException("--into: '" + printable(raw) + "' exists already");
        }
        return path;
    }

    private static Map<String, Kind> withStreamhosts(Map<String, Kind> options) {
        Map<String, Kind> all = new HashMap<>(options);
        all.putAll(STREAMHOSTS);
        return all;
    }

    private static Path writableDirectory(String raw) throws UsageException {
        Path path = path("--into", raw);
        if (!Files.isDirectory(path) || !Files.isWritable(path)) {
            throw new UsageException("--into: '" + printable(raw) + "' is not a writable directory");
        }
        return path.toAbsolutePath().normalize();
    }

    private static Path path(String option, String raw) throws UsageException {
        try {
            if (raw.isEmpty()) {
                throw new InvalidPathException(raw, "empty");
            }
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": '" + printable(raw) + "' is not a path");
        }
    }

    private static SendCommand.Method method(String raw) throws UsageException {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "any" -> SendCommand.Method.ANY;
            case "ibb" -> SendCommand.Method.IBB;
            case "socks5" -> SendCommand.Method.SOCKS5;
            default -> throw new UsageException("--method: '" + printable(raw) + "' is not one of any, ibb, socks5");
        };
    }

    /** Arguments end up in error messages: control characters must not forge extra lines. */
    static String printable(String raw) {
        String cut = raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The options as typed, checked against the ones the command knows. */
    private static final class Given {

        private final Map<String, List<String>> values;

        private Given(Map<String, List<String>> values) {
            this.values = values;
        }

        static Given collect(String command, Map<String, Kind> known, List<String> args) throws UsageException {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                Kind kind = known.get(arg);
                if (kind == null) {
                    throw new UsageException(arg.startsWith("-")
                            ? "unknown option " + printable(arg) + " for " + command
                            : "unexpected argument '" + printable(arg) + "'");
                }
                List<String> seen = values.computeIfAbsent(arg, k -> new ArrayList<>());
                if (!seen.isEmpty() && kind != Kind.REPEATED) {
                    throw new UsageException("option " + arg + " given twice");
                }
                if (kind == Kind.FLAG) {
                    seen.add("");
                    continue;
                }
                // an option name right after another option is a forgotten value, not a value
                if (i + 1 >= args.size() || known.containsKey(args.get(i + 1))) {
                    throw new UsageException("option " + arg + " needs a value");
                }
                seen.add(args.get(++i));
            }
            return new Given(values);
        }

        String required(String option) throws UsageException {
            return optional(option).orElseThrow(() -> new UsageException("missing required option " + option));
        }

        Optional<String> optional(String option) {
            List<String> given = values.get(option);
            return given == null ? Optional.empty() : Optional.of(given.get(0));
        }

        List<String> all(String option) {
            return values.getOrDefault(option, List.of());
        }

        boolean flag(String option) {
            return values.containsKey(option);
        }

        OptionalInt number(String option, int min, int max) throws UsageException {
            Optional<String> raw = optional(option);
            if (raw.isEmpty()) {
                return OptionalInt.empty();
            }
            String text = raw.get();
            if (!WHOLE_NUMBER.matcher(text).matches()) {
                throw new UsageException(option + ": '" + printable(text) + "' is not a whole number");
            }
            String digits = text.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
            boolean negative = text.startsWith("-");
            long value = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
            if (negative) {
                value = -value;
            }
            if (value < min || value > max) {
                throw new UsageException(option + ": " + printable(text) + " is out of range (" + min + "-" + max + ")");
            }
            return OptionalInt.of((int) value);
        }
    }
}
