package io.sift.shell.internal.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.Answers;

@Service
@Command(scope = "sift", name = "decline", description = "Decline a file offer that waits for an answer.")
public class DeclineAction extends SiftAction {

    @Argument(index = 0, name = "id", required = true, description = "The transfer id of the offer")
    @Completion(WaitingOfferCompleter.class)
    String id;

    @Override
    public Object execute() {
        console().out().println(new Answers(sift).decline(id));
        return null;
    }
}
