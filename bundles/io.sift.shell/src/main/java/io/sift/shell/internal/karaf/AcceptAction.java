package io.sift.shell.internal.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.Answers;

@Service
@Command(scope = "sift", name = "accept", description = "Accept a file offer that waits for an answer.",
        detailedDescription = "Offers wait for an answer when askOffers=true is set in io.sift.shell; "
                + "sift:transfers lists them.")
public class AcceptAction extends SiftAction {

    @Argument(index = 0, name = "id", required = true, description = "The transfer id of the offer")
    @Completion(WaitingOfferCompleter.class)
    String id;

    @Argument(index = 1, name = "directory",
            description = "Where to store the file (default: the download directory of file transfer)")
    @Completion(LocalFileCompleter.class)
    String directory;

    @Override
    public Object execute() {
        console().out().println(new Answers(sift).accept(console(), id, directory));
        return null;
    }
}
