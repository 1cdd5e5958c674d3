package io.sift.runtime.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * The {@code sift:} commands registered in Karaf's shell, with their syntax. Karaf registers each
 * action as a command object of its own (its ActionCommand), whose public {@code getActionClass()}
 * is the only way to the action's annotations from outside Karaf's shell bundle.
 */
final class Commands {

    static final String SCOPE = "sift";
    /** The commands appear once the shell bundle's services are there, a moment after the framework started. */
    static final Duration READY = Duration.ofSeconds(30);
    /** A command that must be there before any is run: the set is complete once it is. */
    static final String LAST = "receive";

    private Commands() {
    }

    /** The commands by name; waits for them to be registered. */
    static Map<String, ActionSyntax> await(SessionFactory sessions) throws InterruptedException, UsageException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (sessions.getRegistry().getCommand(SCOPE, LAST) == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new UsageException("the sift: commands did not appear in Karaf's shell");
            }
            // the registry tells no one of new commands: look again shortly
            TimeUnit.MILLISECONDS.sleep(20);
        }
        Map<String, ActionSyntax> commands = new TreeMap<>();
        for (Command command : sessions.getRegistry().getCommands()) {
            if (SCOPE.equals(command.getScope())) {
                actionClass(command).ifPresent(type -> commands.put(command.getName(), new ActionSyntax(type)));
            }
        }
        return commands;
    }

    private static Optional<Class<?>> actionClass(Command command) {
        try {
            Method method = command.getClass().getMethod("getActionClass");
            return Optional.of((Class<?>) method.invoke(command));
        } catch (ReflectiveOperationException | ClassCastException notAnAction) {
            return Optional.empty();
        }
    }
}
