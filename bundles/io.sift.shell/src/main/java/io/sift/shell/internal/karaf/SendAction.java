package io.sift.shell.internal.karaf;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.Sending;

@Service
@Command(scope = "sift", name = "send", description = "Send a file to an XMPP address, showing its progress.",
        detailedDescription = "Offers the file and, once the receiver accepts, sends it; a progress bar is "
                + "redrawn in place while the command runs in the foreground of a terminal. Ends with the "
                + "outcome (completed and verified, sent, declined, failed with the reason) and the SHA-256 of "
                + "what was sent. Ctrl-C cancels the transfer. Run in the background (&), only the outcome is "
                + "printed, above the prompt.")
public class SendAction extends SiftAction {

    @Option(name = "-m", aliases = "--method",
            description = "Stream method: ibb or socks5 (default: every method, best first)")
    @Completion(MethodCompleter.class)
    String method;

    @Option(name = "-d", aliases = "--desc", description = "A description shown to the receiver")
    String description;

    @Option(name = "-a", aliases = "--account",
            description = "The account to send from (default: the only account online)")
    @Completion(AccountCompleter.class)
    String account;

    @Argument(index = 0, name = "jid", required = true,
            description = "The receiver: user@domain (its best resource that can receive files) or user@domain/resource")
    @Completion(ContactCompleter.class)
    String peer;

    @Argument(index = 1, name = "file", required = true, description = "The file to send")
    @Completion(LocalFileCompleter.class)
    String file;

    @Override
    public Object execute() throws Exception {
        new Sending(sift).send(console(), new Sending.Request(account, peer, file, method, description));
        return null;
    }
}
