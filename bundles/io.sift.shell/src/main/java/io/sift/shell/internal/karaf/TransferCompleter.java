package io.sift.shell.internal.karaf;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

import io.sift.shell.internal.Completions;
import io.sift.shell.internal.Sift;

/** The ids of transfers that can still be cancelled (offers waiting for an answer among them). */
@Service
public class TransferCompleter extends ItemCompleter {

    @Reference
    Sift sift;

    @Override
    List<Completions.Item> items(Session session, CommandLine commandLine) {
        return Completions.runningTransfers(sift.transfers());
    }
}
