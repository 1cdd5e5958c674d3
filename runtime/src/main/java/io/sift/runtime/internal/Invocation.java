package io.sift.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The jar's command line, parsed:
 * {@code java -jar sift.jar [PROCESS OPTIONS] [COMMAND [ARGUMENTS AND OPTIONS]]}. The command is one
 * of the {@code sift:} commands (without the scope); its options and arguments are those of its
 * Karaf action, and every option may come anywhere. Without a command the interactive shell opens.
 *
 * @param command the command to run; empty: the interactive shell (or the help, or the version)
 * @param parameters the command's parameters as Karaf's parser reads them
 * @param commandHelp {@code COMMAND --help} or {@code help COMMAND}: the command's own help
 */
record Invocation(ProcessOptions process, Optional<String> command, List<Object> parameters, boolean commandHelp) {

    static final String HELP = "help";
    static final String SHELL = "shell";

    /**
     * @param commands the commands there are, by name, with their syntax
     * @throws UsageException with one line for the user
     */
    static Invocation parse(List<String> args, Map<String, ActionSyntax> commands) throws UsageException {
        SortedMap<String, ActionSyntax> known = new TreeMap<>(commands);
        int at = commandIndex(args, known);
        if (at < 0) {
            return new Invocation(processOnly(args, "", true), Optional.empty(), List.of(), false);
        }
        String name = args.get(at);
        List<String> rest = new ArrayList<>(args.subList(0, at));
        rest.addAll(args.subList(at + 1, args.size()));
        if (name.equals(HELP) || name.equals(SHELL)) {
            return special(name, args.subList(0, at), args.subList(at + 1, args.size()), known);
        }
        ActionSyntax syntax = known.get(name);
        if (syntax == null) {
            throw new UsageException("unknown command '" + name + "' (" + String.join(", ", known.keySet())
                    + "; without a command: the shell)");
        }
        if (asksHelp(rest)) {
            return new Invocation(processOnly(rest, name, false), Optional.of(name), List.of(), true);
        }
        CommandSpec spec = CommandSpec.create().name(name);
        ProcessOptions.specs().forEach(spec::addOption);
        syntax.optionSpecs().forEach(spec::addOption);
        syntax.argumentSpecs().forEach(spec::addPositional);
        ParseResult parsed = parse(spec, rest, name);
        return new Invocation(ProcessOptions.of(parsed), Optional.of(name), syntax.parameters(parsed), false);
    }

    /** {@code help [COMMAND]}, {@code shell}. */
    private static Invocation special(String name, List<String> before, List<String> after,
            SortedMap<String, ActionSyntax> known) throws UsageException {
        List<String> positional = after.stream().filter(a -> !a.startsWith("-")).toList();
        List<String> options = new ArrayList<>(before);
        options.addAll(after.stream().filter(a -> a.startsWith("-")).toList());
        ProcessOptions process = processOnly(options, name, true);
        if (name.equals(SHELL)) {
            if (!positional.isEmpty()) {
                throw new UsageException("shell takes no arguments, not '" + positional.get(0) + "'");
            }
            return new Invocation(process, Optional.empty(), List.of(), false);
        }
        if (positional.isEmpty()) {
            ProcessOptions help = new ProcessOptions(process.etc(), process.account(), process.verbose(),
                    process.reportMemory(), process.version(), true);
            return new Invocation(help, Optional.empty(), List.of(), false);
        }
        String command = positional.get(0).replaceFirst("^sift:", "");
        if (positional.size() > 1 || !known.containsKey(command)) {
            throw new UsageException("help takes one command (" + String.join(", ", known.keySet()) + "), not '"
                    + String.join(" ", positional) + "'");
        }
        return new Invocation(process, Optional.of(command), List.of(), true);
    }

    /** The process's own options; {@code strict}: nothing else may be there. */
    private static ProcessOptions processOnly(List<String> args, String command, boolean strict)
            throws UsageException {
        CommandSpec spec = CommandSpec.create().name(command);
        ProcessOptions.specs().forEach(spec::addOption);
        if (!strict) {
            spec.parser().unmatchedArgumentsAllowed(true);
        }
        return ProcessOptions.of(parse(spec, args, command));
    }

    private static ParseResult parse(CommandSpec spec, List<String> args, String command) throws UsageException {
        spec.parser().expandAtFiles(false);
        try {
            return new CommandLine(spec).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            String message = e.getMessage().replaceAll("\\s+", " ").strip();
            throw new UsageException((command.isEmpty() ? "" : command + ": ") + message);
        }
    }

    /** Where the command's name is: the first word that is neither an option nor an option's value; -1: none. */
    private static int commandIndex(List<String> args, Map<String, ActionSyntax> commands) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return -1;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return i;
            }
            if (!arg.contains("=") && (ProcessOptions.takesValue(arg)
                    || commands.values().stream().anyMatch(c -> c.takesValue(arg)))) {
                i++;
            }
        }
        return -1;
    }

    private static boolean asksHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}
