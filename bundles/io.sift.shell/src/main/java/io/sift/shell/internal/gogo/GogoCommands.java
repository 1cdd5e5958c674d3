package io.sift.shell.internal.gogo;

import java.time.Instant;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sift.shell.internal.AccountRows;
import io.sift.shell.internal.Answers;
import io.sift.shell.internal.ContactRows;
import io.sift.shell.internal.OfferAsker;
import io.sift.shell.internal.Sending;
import io.sift.shell.internal.Sift;
import io.sift.shell.internal.Table;
import io.sift.shell.internal.TableView;
import io.sift.shell.internal.TransferRows;

/**
 * The {@code sift:} commands as Gogo functions, for shells without Karaf's (the runnable jar's Gogo
 * shell). Disabled until {@link io.sift.shell.internal.ShellChoice} finds no Karaf shell. The
 * commands do what Karaf's actions do; only the option syntax is Gogo's (options may also follow
 * the arguments).
 */
@Component(enabled = false, service = GogoCommands.class, property = {
        "osgi.command.scope=sift",
        "osgi.command.function=accounts",
        "osgi.command.function=contacts",
        "osgi.command.function=send",
        "osgi.command.function=transfers",
        "osgi.command.function=accept",
        "osgi.command.function=decline",
        "osgi.command.function=cancel" })
public final class GogoCommands {

    private final Sift sift;
    private final Sending sending;
    private final Answers answers;

    @Activate
    public GogoCommands(@Reference Sift sift) {
        this.sift = sift;
        this.sending = new Sending(sift);
        this.answers = new Answers(sift);
    }

    @Descriptor("List the account configurations, whether each is online, and if not, why")
    public void accounts(CommandSession session) {
        if (sift.accounts().isEmpty()) {
            session.getConsole().println("No account is configured (factory PID io.sift.connection).");
            return;
        }
        print(session, AccountRows.table(sift.accounts(), a -> sift.fileTransfer(a).isPresent(), Instant.now()));
    }

    @Descriptor("List the contacts of the online accounts: who can receive files first, then who is online")
    public void contacts(CommandSession session,
            @Descriptor("only this account's contacts")
            @Parameter(names = {"-a", "--account"}, absentValue = "") String account) {
        TableView table = ContactRows.table(sift.contacts(account));
        if (table.isEmpty()) {
            session.getConsole().println(sift.contactAccounts().isEmpty() ? "No account is online." : "No contacts.");
            return;
        }
        print(session, table);
    }

    @Descriptor("Send a file to an XMPP address, showing its progress")
    public void send(CommandSession session,
            @Descriptor("stream method: ibb or socks5 (default: every method, best first)")
            @Parameter(names = {"-m", "--method"}, absentValue = "") String method,
            @Descriptor("a description shown to the receiver")
            @Parameter(names = {"-d", "--desc"}, absentValue = "") String description,
            @Descriptor("the account to send from (default: the only account online)")
            @Parameter(names = {"-a", "--account"}, absentValue = "") String account,
            @Descriptor("receiver: user@domain or user@domain/resource") String peer,
            @Descriptor("the file to send") String file) throws InterruptedException {
        sending.send(new GogoConsole(session), new Sending.Request(account, peer, file, method, description));
    }

    @Descriptor("List current and recent transfers of every account")
    public void transfers(CommandSession session) {
        OfferAsker asker = sift.asker().orElse(null);
        TableView table = TransferRows.table(sift.transfers(), id -> asker != null && asker.get(id).isPresent());
        if (table.isEmpty()) {
            session.getConsole().println("No transfers.");
            return;
        }
        print(session, table);
    }

    @Descriptor("Accept a file offer that waits for an answer, into the download directory")
    public void accept(CommandSession session, @Descriptor("transfer id (see sift:transfers)") String id) {
        session.getConsole().println(answers.accept(new GogoConsole(session), id, null));
    }

    @Descriptor("Accept a file offer that waits for an answer, into a directory")
    public void accept(CommandSession session,
            @Descriptor("transfer id (see sift:transfers)") String id,
            @Descriptor("directory to store the file in") String directory) {
        session.getConsole().println(answers.accept(new GogoConsole(session), id, directory));
    }

    @Descriptor("Decline a file offer that waits for an answer")
    public void decline(CommandSession session, @Descriptor("transfer id (see sift:transfers)") String id) {
        session.getConsole().println(answers.decline(id));
    }

    @Descriptor("Cancel a transfer (or decline an offer that waits for an answer)")
    public void cancel(CommandSession session, @Descriptor("transfer id (see sift:transfers)") String id) {
        session.getConsole().println(answers.cancel(id));
    }

    private static void print(CommandSession session, TableView table) {
        session.getConsole().print(Table.render(table));
    }
}
