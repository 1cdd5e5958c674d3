package io.sift.shell.internal.karaf;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.AccountRows;

@Service
@Command(scope = "sift", name = "accounts",
        description = "List the account configurations, whether each is online, and if not, why.",
        detailedDescription = "One row per configuration of factory PID io.sift.connection (two configurations "
                + "of one JID are two rows). An account that is not online says why: login refused (wrong "
                + "password), resource taken, unreachable, bad configuration..., and whether and when it is "
                + "tried again.")
public class AccountsAction extends SiftAction {

    @Option(name = "--no-format", description = "Tab-separated rows without a header, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        Tables.print(console(), AccountRows.table(sift.accounts(), a -> sift.fileTransfer(a).isPresent(), Instant.now()),
                noFormat, "No account is configured (factory PID io.sift.connection).");
        return null;
    }
}
