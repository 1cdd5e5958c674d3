package io.sift.shell.internal.karaf;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.ContactRows;

@Service
@Command(scope = "sift", name = "contacts",
        description = "List the contacts of the online accounts: who can receive files first, then who is online.",
        detailedDescription = "Each contact's online resources with their presence, and whether they can receive "
                + "files (their service discovery lists Stream Initiation and the file transfer profile). A contact "
                + "of several accounts is listed once.")
public class ContactsAction extends SiftAction {

    @Option(name = "-a", aliases = "--account", description = "Only this account's contacts")
    @Completion(AccountCompleter.class)
    String account;

    @Option(name = "--no-format", description = "Tab-separated rows without a header, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        Tables.print(console(), ContactRows.table(sift.contacts(account)), noFormat,
                sift.contactAccounts().isEmpty() ? "No account is online." : "No contacts.");
        return null;
    }
}
