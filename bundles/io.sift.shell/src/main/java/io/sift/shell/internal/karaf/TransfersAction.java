package io.sift.shell.internal.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.OfferAsker;
import io.sift.shell.internal.TransferRows;

@Service
@Command(scope = "sift", name = "transfers", description = "List current and recent transfers of every account.",
        detailedDescription = "Offers that wait for an answer say so, with the sift:accept to type.")
public class TransfersAction extends SiftAction {

    @Option(name = "--no-format", description = "Tab-separated rows without a header, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        OfferAsker asker = sift.asker().orElse(null);
        Tables.print(console(), TransferRows.table(sift.transfers(), id -> asker != null && asker.get(id).isPresent()),
                noFormat, "No transfers.");
        return null;
    }
}
