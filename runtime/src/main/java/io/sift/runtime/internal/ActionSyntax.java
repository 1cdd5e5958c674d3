package io.sift.runtime.internal;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;

import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options and arguments of a Karaf action, read from its {@code @Option} and {@code @Argument}
 * annotations, as picocli specs. The command line of the jar is parsed with them, so it takes options
 * anywhere (before, between and after the arguments, {@code --name=value}, {@code --} before
 * arguments that look like options) and rejects what the action would; then it hands the action its
 * parameters in the order Karaf's own parser reads them: options first, then the arguments.
 */
final class ActionSyntax {

    private record Named(Option karaf, OptionSpec spec, boolean flag) {
    }

    private record Positional(Argument karaf, PositionalParamSpec spec) {
    }

    private final List<Named> options = new ArrayList<>();
    private final List<Positional> arguments = new ArrayList<>();
    private final String description;

    /** @param action the action class; its superclasses' fields count too */
    ActionSyntax(Class<?> action) {
        org.apache.karaf.shell.api.action.Command command =
                action.getAnnotation(org.apache.karaf.shell.api.action.Command.class);
        description = command == null ? "" : command.description();
        List<Map.Entry<Argument, Field>> args = new ArrayList<>();
        for (Class<?> type = action; type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                Option option = field.getAnnotation(Option.class);
                if (option != null) {
                    options.add(option(option, field));
                }
                Argument argument = field.getAnnotation(Argument.class);
                if (argument != null) {
                    args.add(Map.entry(argument, field));
                }
            }
        }
        args.sort(Comparator.comparingInt(e -> e.getKey().index()));
        for (Map.Entry<Argument, Field> arg : args) {
            arguments.add(argument(arg.getKey(), arg.getValue()));
        }
    }

    /** The command's one-line description. */
    String description() {
        return description;
    }

    List<OptionSpec> optionSpecs() {
        return options.stream().map(Named::spec).toList();
    }

    List<PositionalParamSpec> argumentSpecs() {
        return arguments.stream().map(Positional::spec).toList();
    }

    /** Whether an option of this action takes a value (an unknown name: false). */
    boolean takesValue(String name) {
        return options.stream().anyMatch(o -> !o.flag() && names(o.karaf()).contains(name));
    }

    boolean hasOption(String name) {
        return options.stream().anyMatch(o -> names(o.karaf()).contains(name));
    }

    /** The action's parameters from what was parsed, as Karaf reads them: options, then arguments. */
    List<Object> parameters(ParseResult parsed) {
        List<Object> params = new ArrayList<>();
        for (Named option : options) {
            if (!parsed.hasMatchedOption(option.spec())) {
                continue;
            }
            params.add(option.karaf().name());
            if (!option.flag()) {
                params.add(parsed.matchedOption(option.spec().longestName()).stringValues().get(0));
            }
        }
        for (Positional argument : arguments) {
            parsed.matchedPositionals().stream().filter(p -> p == argument.spec()).findFirst()
                    .ifPresent(p -> params.addAll(p.stringValues()));
        }
        return params;
    }

    private static Named option(Option option, Field field) {
        Class<?> type = field.getType();
        boolean flag = type == boolean.class || type == Boolean.class;
        OptionSpec.Builder spec = OptionSpec.builder(names(option).toArray(String[]::new))
                .description(option.description())
                .arity(flag ? "0" : "1")
                .type(flag ? boolean.class : type == int.class || type == Integer.class ? int.class : String.class);
        if (!flag) {
            spec.paramLabel(paramLabel(option));
        }
        return new Named(option, spec.build(), flag);
    }

    private static Positional argument(Argument argument, Field field) {
        String name = Argument.DEFAULT.equals(argument.name()) ? field.getName() : argument.name();
        PositionalParamSpec.Builder spec = PositionalParamSpec.builder().paramLabel(name)
                .description(argument.description()).required(argument.required());
        if (argument.multiValued()) {
            spec.index(argument.index() + "..*").arity(argument.required() ? "1..*" : "0..*")
                    .type(List.class).auxiliaryTypes(String.class);
        } else {
            spec.index(Integer.toString(argument.index())).arity(argument.required() ? "1" : "0..1")
                    .type(String.class);
        }
        return new Positional(argument, spec.build());
    }

    private static List<String> names(Option option) {
        List<String> names = new ArrayList<>(List.of(option.name()));
        names.addAll(List.of(option.aliases()));
        return names;
    }

    private static String paramLabel(Option option) {
        String longest = names(option).stream().max(Comparator.comparingInt(String::length)).orElse(option.name());
        return longest.replaceFirst("^-+", "").toUpperCase(java.util.Locale.ROOT);
    }
}
