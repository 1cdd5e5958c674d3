package io.sift.shell.internal.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.Answers;

@Service
@Command(scope = "sift", name = "cancel",
        description = "Cancel a transfer (or decline an offer that waits for an answer).")
public class CancelAction extends SiftAction {

    @Argument(index = 0, name = "id", required = true, description = "The transfer id (see sift:transfers)")
    @Completion(TransferCompleter.class)
    String id;

    @Override
    public Object execute() {
        console().out().println(new Answers(sift).cancel(id));
        return null;
    }
}
