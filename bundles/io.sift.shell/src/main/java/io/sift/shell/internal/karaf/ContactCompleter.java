package io.sift.shell.internal.karaf;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

import io.sift.shell.internal.Completions;
import io.sift.shell.internal.Sift;

/**
 * Contacts' bare JIDs: of the account given with {@code --account} before the cursor, else of every
 * online account; those that can receive files first, then those online, then those offline.
 */
@Service
public class ContactCompleter extends ItemCompleter {

    @Reference
    Sift sift;

    @Override
    List<Completions.Item> items(Session session, CommandLine commandLine) {
        return Completions.contacts(sift.contacts(option(commandLine, "-a", "--account")));
    }
}
