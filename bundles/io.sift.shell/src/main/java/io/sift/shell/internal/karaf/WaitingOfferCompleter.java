package io.sift.shell.internal.karaf;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

import io.sift.shell.internal.Completions;
import io.sift.shell.internal.Sift;

/** The transfer ids of the offers that wait for sift:accept or sift:decline. */
@Service
public class WaitingOfferCompleter extends ItemCompleter {

    @Reference
    Sift sift;

    @Override
    List<Completions.Item> items(Session session, CommandLine commandLine) {
        return sift.asker().map(asker -> Completions.waitingOffers(asker.pending())).orElse(List.of());
    }
}
