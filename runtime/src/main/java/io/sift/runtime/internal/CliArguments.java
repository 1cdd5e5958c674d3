package io.sift.runtime.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of the runnable jar:
 * <pre>
 * java -jar sift.jar [--etc DIR] [--jid JID --password PW [--host H] [--port N] [--no-tls]]
 *                    [--login-timeout S] [--verbose] [--report-memory] [COMMAND ARGS...]
 *   (no command)                         interactive shell with the sift: commands
 *   send JID FILE... [--method ibb|socks5] [--desc TEXT] [--account JID] [--wait-peer S] [--progress]
 *                    [--one-by-one] [--retries N] [--report-cpu]
 *   receive [--into DIR] [--count N] [--timeout S] [--account JID] [--report-cpu]
 *   help
 * </pre>
 * Options may come before or after the command, as {@code --name value} or {@code --name=value}.
 */
record CliArguments(
        Command command,
        List<String> arguments,
        Optional<Path> etc,
        Optional<AccountOption> account,
        Duration loginTimeout,
        boolean verbose,
        Map<String, String> options) {

    enum Command { SHELL, SEND, RECEIVE, HELP }

    /** An account given on the command line instead of a file. */
    record AccountOption(String jid, String password, String host, int port, boolean tls) {
    }

    static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> FLAGS = Set.of("no-tls", "verbose", "progress", "help", "report-memory",
            "one-by-one", "report-cpu");
    private static final Set<String> GLOBAL = Set.of("etc", "jid", "password", "host", "port", "no-tls",
            "login-timeout", "verbose", "help", "report-memory");
    private static final Map<Command, Set<String>> COMMAND_OPTIONS = Map.of(
            Command.SHELL, Set.of(),
            Command.HELP, Set.of(),
            Command.SEND, Set.of("method", "desc", "account", "wait-peer", "progress", "one-by-one", "report-cpu",
                    "retries"),
            Command.RECEIVE, Set.of("into", "count", "timeout", "account", "report-cpu"));

    /** A command line that cannot be run, with the one line that says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CliArguments parse(String... args) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    positional.add(args[j]);
                }
                break;
            }
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (FLAGS.contains(name)) {
                    if (value != null) {
                        throw new UsageException("option --" + name + " takes no value");
                    }
                    value = "true";
                } else if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else if (arg.equals("-h") || arg.equals("-?")) {
                options.put("help", "true");
            } else {
                positional.add(arg);
            }
        }

        Command command = Command.SHELL;
        List<String> rest = positional;
        if (options.containsKey("help")) {
            command = Command.HELP;
        } else if (!positional.isEmpty()) {
            command = switch (positional.get(0)) {
                case "send" -> Command.SEND;
                case "receive" -> Command.RECEIVE;
                case "help" -> Command.HELP;
                case "shell" -> Command.SHELL;
                default -> throw new UsageException("unknown command '" + positional.get(0)
                        + "' (send, receive, shell or help)");
            };
            rest = positional.subList(1, positional.size());
        }
        for (String name : options.keySet()) {
            if (!GLOBAL.contains(name) && !COMMAND_OPTIONS.get(command).contains(name)) {
                throw new UsageException("unknown option --" + name
                        + (command == Command.SHELL ? "" : " for " + command.name().toLowerCase()));
            }
        }
        boolean argumentsFit = switch (command) {
            case SEND -> rest.size() >= 2;
            case HELP -> true;
            default -> rest.isEmpty();
        };
        if (!argumentsFit) {
            throw new UsageException(switch (command) {
                case SEND -> "send needs a receiver and at least one file: send JID FILE...";
                case RECEIVE -> "receive takes no arguments besides options: receive --into DIR";
                default -> "unexpected argument '" + rest.get(0) + "'";
            });
        }

        Optional<Path> etc = Optional.ofNullable(options.get("etc")).map(Path::of);
        Optional<AccountOption> account = accountOption(options);
        Duration loginTimeout = options.containsKey("login-timeout")
                ? Duration.ofSeconds(positiveInt(options, "login-timeout", 24 * 3600))
                : DEFAULT_LOGIN_TIMEOUT;
        CliArguments result = new CliArguments(command, List.copyOf(rest), etc, account, loginTimeout,
                options.containsKey("verbose"), Map.copyOf(options));
        // check the command's numeric options now, so a typo fails before anything starts
        switch (command) {
            case SEND -> {
                result.waitPeer();
                result.retries();
            }
            case RECEIVE -> {
                result.count();
                result.receiveTimeout();
            }
            default -> {
            }
        }
        return result;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** send: how long to retry while the receiver is not (yet) seen online. */
    Duration waitPeer() throws UsageException {
        return options.containsKey("wait-peer")
                ? Duration.ofSeconds(nonNegativeInt(options, "wait-peer", 3600))
                : Duration.ofSeconds(10);
    }

    /** send: how many times a file whose transfer broke off is sent again (it continues where it stopped). */
    int retries() throws UsageException {
        return options.containsKey("retries") ? nonNegativeInt(options, "retries", 100) : 0;
    }

    /** send: the receiver, then the files. */
    String receiver() {
        return arguments.get(0);
    }

    /** send: the files to send, as given. */
    List<String> files() {
        return arguments.subList(1, arguments.size());
    }

    /** Whether to print the peak heap at exit. */
    boolean reportMemory() {
        return options.containsKey("report-memory");
    }

    /** receive: how many files to wait for. */
    int count() throws UsageException {
        return options.containsKey("count") ? positiveInt(options, "count", 1_000_000) : 1;
    }

    /** receive: how long to wait in all; zero means no limit. */
    Duration receiveTimeout() throws UsageException {
        return options.containsKey("timeout")
                ? Duration.ofSeconds(nonNegativeInt(options, "timeout", 30 * 24 * 3600))
                : Duration.ZERO;
    }

    private static Optional<AccountOption> accountOption(Map<String, String> options) throws UsageException {
        boolean any = options.containsKey("jid") || options.containsKey("password") || options.containsKey("host")
                || options.containsKey("port") || options.containsKey("no-tls");
        if (!any) {
            return Optional.empty();
        }
        String jid = options.get("jid");
        String password = options.get("password");
        if (jid == null || password == null) {
            throw new UsageException("an account on the command line needs both --jid and --password");
        }
        int port = options.containsKey("port") ? positiveInt(options, "port", 65535) : 5222;
        return Optional.of(new AccountOption(jid.strip(), password, options.getOrDefault("host", "").strip(), port,
                !options.containsKey("no-tls")));
    }

    private static int positiveInt(Map<String, String> options, String name, int max) throws UsageException {
        int value = nonNegativeInt(options, name, max);
        if (value == 0) {
            throw new UsageException("--" + name + " must be at least 1");
        }
        return value;
    }

    private static int nonNegativeInt(Map<String, String> options, String name, int max) throws UsageException {
        String raw = options.get(name).strip();
        try {
            int value = Integer.parseInt(raw);
            if (value < 0 || value > max) {
                throw new UsageException("--" + name + " must be between 0 and " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, not '" + raw + "'");
        }
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "usage: java -jar sift.jar [--etc DIR] [ACCOUNT] [--login-timeout S] [--verbose] [--report-memory] [COMMAND]",
                "",
                "  (no command)   interactive shell: sift:accounts, sift:send, sift:transfers, sift:accept, ...",
                "  send JID FILE... [--method ibb|socks5] [--desc TEXT] [--account JID] [--wait-peer S] [--progress]",
                "                 [--one-by-one] [--retries N] [--report-cpu]",
                "                 send the files (all at once, or --one-by-one); prints one result line per",
                "                 file, exits 0 once all were sent. --retries N: a transfer that broke off",
                "                 (stream, peer, server, timeout) is sent again up to N times, continuing",
                "                 where the receiver stopped. --report-cpu prints this process's CPU time",
                "                 at the first offer and when the last transfer ended to stderr:",
                "                 cpu-at-offer-nanos<TAB>N, cpu-at-end-nanos<TAB>N (receive: the second only)",
                "  receive [--into DIR] [--count N] [--timeout S] [--account JID] [--report-cpu]",
                "                 accept N files (default 1) into DIR (default: the current directory);",
                "                 prints one result line per file, exits 0 once all arrived",
                "  help           this text",
                "",
                "  --etc DIR      configuration files as in Karaf: io.sift.connection-<name>.cfg (accounts),",
                "                 io.sift.filetransfer.cfg, io.sift.ibb.cfg, io.sift.socks5.cfg, io.sift.shell.cfg",
                "                 (default: ./etc when it exists)",
                "  ACCOUNT        --jid JID --password PW [--host H] [--port N] [--no-tls]: an account without a file",
                "",
                "  --report-memory  at exit, print the peak heap to stderr: peak-heap-bytes<TAB>N",
                "",
                "result line (tab-separated): STATE NAME SIZE METHOD SHA256 PEER-OR-PATH MILLIS TTFB-MILLIS",
                "                 (milliseconds from the offer to the end, and to the first byte; - if none)",
                "exit status: 0 done, 1 transfer failed or declined, 2 usage, 3 account not online, 4 timed out");
    }
}
