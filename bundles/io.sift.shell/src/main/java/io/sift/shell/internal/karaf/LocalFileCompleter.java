package io.sift.shell.internal.karaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * Karaf's file completer, from the session's current directory (where sift:send looks for a relative
 * path) rather than the directory Karaf was started in.
 */
@Service
public class LocalFileCompleter implements Completer {

    /** The older form of completion (Karaf's own file completer has none): the paths that start as typed. */
    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<Candidate> all = new ArrayList<>();
        completeCandidates(session, commandLine, all);
        String word = commandLine.getCursorArgument() == null ? ""
                : commandLine.getCursorArgument().substring(0, commandLine.getArgumentPosition());
        all.stream().map(Candidate::value).filter(v -> v.startsWith(word)).forEach(candidates::add);
        return candidates.isEmpty() ? -1 : commandLine.getBufferPosition() - commandLine.getArgumentPosition();
    }

    @Override
    public void completeCandidates(Session session, CommandLine commandLine, List<Candidate> candidates) {
        Path dir = session.currentDir() != null ? session.currentDir() : Path.of("").toAbsolutePath();
        new FileCompleter() {
            @Override
            protected Path getUserDir() {
                return dir;
            }
        }.completeCandidates(session, commandLine, candidates);
    }
}
