package io.sift.shell.internal.karaf;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

import io.sift.shell.internal.Completions;

/**
 * A completer that offers every candidate of its kind and leaves matching what is typed to the line
 * reader (as Karaf's file completer does), so candidates keep their groups and descriptions.
 *
 * <p>Karaf checks each argument before the cursor by completing it alone and accepts it when that
 * yields any candidate. So that a value TAB does not know (a JID outside the roster) still lets the
 * following arguments complete, the typed word itself is offered when there is nothing else.
 */
abstract class ItemCompleter implements Completer {

    abstract List<Completions.Item> items(Session session, CommandLine commandLine);

    @Override
    public void completeCandidates(Session session, CommandLine commandLine, List<Candidate> candidates) {
        List<Completions.Item> items = items(session, commandLine);
        for (Completions.Item item : items) {
            candidates.add(new Candidate(item.value(), item.value(), item.group(), item.description(), null, null, true));
        }
        String typed = typed(commandLine);
        if (items.isEmpty() && !typed.isEmpty()) {
            candidates.add(new Candidate(typed, true));
        }
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<Candidate> all = new ArrayList<>();
        completeCandidates(session, commandLine, all);
        String typed = typed(commandLine);
        all.stream().map(Candidate::value).filter(v -> v.startsWith(typed)).forEach(candidates::add);
        return candidates.isEmpty() ? -1 : commandLine.getBufferPosition() - commandLine.getArgumentPosition();
    }

    private static String typed(CommandLine commandLine) {
        String word = commandLine.getCursorArgument();
        if (word == null) {
            return "";
        }
        return word.substring(0, Math.min(word.length(), Math.max(0, commandLine.getArgumentPosition())));
    }

    /** The value of an option given before the cursor (e.g. {@code --account}), or null. */
    static String option(CommandLine commandLine, String... names) {
        String[] args = commandLine.getArguments();
        int cursor = commandLine.getCursorArgumentIndex();
        for (int i = 0; i + 1 < args.length && i + 1 < cursor; i++) {
            for (String name : names) {
                if (name.equals(args[i])) {
                    return args[i + 1];
                }
            }
        }
        return null;
    }
}
