package io.sift.shell.internal.karaf;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

import io.sift.shell.internal.Completions;

/** The stream methods {@code --method} takes. */
@Service
public class MethodCompleter extends ItemCompleter {

    @Override
    List<Completions.Item> items(Session session, CommandLine commandLine) {
        return Completions.methods();
    }
}
