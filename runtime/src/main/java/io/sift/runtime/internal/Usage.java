package io.sift.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code java -jar sift.jar --help} prints: the process's options and the commands. */
final class Usage {

    private Usage() {
    }

    static String text(Map<String, ActionSyntax> commands) {
        CommandSpec spec = CommandSpec.create().name("java -jar sift.jar");
        ProcessOptions.specs().forEach(spec::addOption);
        spec.usageMessage()
                .synopsisHeading("usage: ")
                .customSynopsis("java -jar sift.jar [OPTIONS] [COMMAND [ARGUMENTS AND OPTIONS]]%n")
                .description("Without a command: the interactive shell (Karaf's console: help, TAB completion, "
                        + "Ctrl-D leaves).", "")
                .optionListHeading("Options:%n")
                .width(100);
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CommandLine(spec).usage(new PrintStream(bytes, true, StandardCharsets.UTF_8), Help.Ansi.OFF);
        text.append(bytes.toString(StandardCharsets.UTF_8));
        String nl = System.lineSeparator();
        text.append(nl).append("Commands (options may come anywhere; COMMAND --help or help COMMAND for each one's):")
                .append(nl);
        commands.forEach((name, syntax) -> text.append(String.format("  %-10s %s", name, syntax.description()))
                .append(nl));
        text.append(nl)
                .append("send and receive print one tab-separated line per file (state, name, size, method, SHA-256,")
                .append(nl)
                .append("peer or stored file, milliseconds to the end and to the first byte, check); commands run")
                .append(nl)
                .append("here as scripts run them, with --no-format.").append(nl)
                .append("Exit status: 0 done, 1 a transfer failed, 2 usage, 3 account not online, 4 timed out,")
                .append(nl)
                .append("130 interrupted (Ctrl-C), 143 terminated (SIGTERM).").append(nl);
        return text.toString();
    }
}
