package io.sift.shell.internal.karaf;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

import io.sift.shell.internal.Completions;
import io.sift.shell.internal.Sift;

/** The configured accounts' JIDs, with their state. */
@Service
public class AccountCompleter extends ItemCompleter {

    @Reference
    Sift sift;

    @Override
    List<Completions.Item> items(Session session, CommandLine commandLine) {
        return Completions.accounts(sift.accounts(), jid -> sift.fileTransfer(jid).isPresent());
    }
}
