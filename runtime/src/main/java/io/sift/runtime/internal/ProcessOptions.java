package io.sift.runtime.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options of the process itself, whatever command it runs: where its configuration comes from,
 * an account given without a file, and what to tell besides the command's own output.
 */
record ProcessOptions(Optional<Path> etc, Optional<AccountOption> account, boolean verbose, boolean reportMemory,
        boolean version, boolean help) {

    static final int DEFAULT_XMPP_PORT = 5222;

    /** The specs of these options, for the parser (a new set each time: picocli specs belong to one command line). */
    static List<OptionSpec> specs() {
        return List.of(
                value("--etc", "DIR", "configuration files as in Karaf's etc/: io.sift.connection-<name>.cfg "
                        + "(accounts), io.sift.filetransfer.cfg, ... (default: ./etc when it exists)"),
                value("--jid", "JID", "an account without a file: its bare JID (with --password)"),
                value("--password", "PASSWORD", "the password of the --jid account"),
                value("--host", "HOST", "the server of the --jid account (default: from DNS)"),
                OptionSpec.builder("--port").paramLabel("PORT").type(int.class)
                        .description("the port of the --jid account's server (default: 5222)").build(),
                flag("--no-tls", "log the --jid account in without TLS"),
                flag("--verbose", "print the framework's log on the error stream"),
                flag("--report-memory", "at exit, print the peak heap on the error stream: peak-heap-bytes<TAB>N"),
                flag("--version", "print SIFT's version and exit"),
                OptionSpec.builder("-h", "--help").usageHelp(true).description("print this help and exit").build());
    }

    /** What was parsed of these options. */
    static ProcessOptions of(ParseResult parsed) throws UsageException {
        Optional<AccountOption> account = Optional.empty();
        boolean any = parsed.hasMatchedOption("--jid") || parsed.hasMatchedOption("--password")
                || parsed.hasMatchedOption("--host") || parsed.hasMatchedOption("--port")
                || parsed.hasMatchedOption("--no-tls");
        if (any) {
            String jid = parsed.matchedOptionValue("--jid", null);
            String password = parsed.matchedOptionValue("--password", null);
            if (jid == null || password == null) {
                throw new UsageException("an account on the command line needs both --jid and --password");
            }
            int port = parsed.matchedOptionValue("--port", DEFAULT_XMPP_PORT);
            if (port < 1 || port > 65535) {
                throw new UsageException("--port must be between 1 and 65535, not " + port);
            }
            account = Optional.of(new AccountOption(jid.strip(), password,
                    parsed.matchedOptionValue("--host", "").strip(), port, !parsed.hasMatchedOption("--no-tls")));
        }
        return new ProcessOptions(
                Optional.ofNullable(parsed.<String>matchedOptionValue("--etc", null)).map(Path::of),
                account,
                parsed.hasMatchedOption("--verbose"),
                parsed.hasMatchedOption("--report-memory"),
                parsed.hasMatchedOption("--version"),
                parsed.hasMatchedOption("--help"));
    }

    static boolean takesValue(String name) {
        return List.of("--etc", "--jid", "--password", "--host", "--port").contains(name);
    }

    private static OptionSpec value(String name, String label, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description).build();
    }

    private static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).arity("0").type(boolean.class).description(description).build();
    }
}
