package io.sift.shell.internal.karaf;

import java.time.Duration;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.batch.BatchServices;
import io.sift.shell.internal.batch.SendJob;

@Service
@Command(scope = "sift", name = "send", description = "Send files to an XMPP address, showing their progress.",
        detailedDescription = "Offers the files (all at once, or one after another with --one-by-one) and, as the "
                + "receiver accepts, sends them; a progress bar is redrawn in place while the command runs in the "
                + "foreground of a terminal. Ends with each file's outcome (completed and verified, sent, declined, "
                + "failed with the reason) and the SHA-256 of what was sent; with --no-format, one tab-separated "
                + "line per file instead (state, name, size, method, SHA-256, peer, milliseconds to the end and to "
                + "the first byte, check), the rest on the error stream. Waits for the account to log in (and to "
                + "log in again after losing its connection) up to --login-timeout; a refused login ends it at "
                + "once. Ctrl-C cancels the transfers on both sides. Run in the background (&), only the outcomes "
                + "are printed, above the prompt.")
public class SendAction extends SiftAction {

    @Option(name = "-m", aliases = "--method",
            description = "Stream method: ibb or socks5 (default: every method, best first)")
    @Completion(MethodCompleter.class)
    String method;

    @Option(name = "-d", aliases = "--desc", description = "A description shown to the receiver")
    String description;

    @Option(name = "-a", aliases = "--account",
            description = "The account to send from (default: the only account online, or configured)")
    @Completion(AccountCompleter.class)
    String account;

    @Option(name = "--one-by-one", description = "Send the files one after another instead of all at once")
    boolean oneByOne;

    @Option(name = "--retries", description = "Send a file whose transfer broke off (stream, peer, server, timeout, "
            + "corrupted copy) again, up to this many times, after 1 s doubling to 30 s; the receiver keeps what "
            + "it has, so only the rest moves")
    int retries;

    @Option(name = "--wait-peer", description = "Seconds to offer again while the receiver is not (yet) online")
    int waitPeer = 10;

    @Option(name = "--login-timeout",
            description = "Seconds to wait for the account to be online, at the start and after it lost its connection")
    int loginTimeout = 30;

    @Option(name = "--no-format", description = "One tab-separated result line per file, for scripts; the rest on "
            + "the error stream")
    boolean noFormat;

    @Option(name = "--progress", description = "Draw the progress bar even where the output is not known to be a "
            + "terminal")
    boolean progress;

    @Option(name = "--report-cpu", description = "Print this process's CPU time at the first offer and when the "
            + "last transfer ended (cpu-at-offer-nanos, cpu-at-end-nanos), for benchmarks")
    boolean reportCpu;

    @Argument(index = 0, name = "jid", required = true,
            description = "The receiver: user@domain (its best resource that can receive files) or user@domain/resource")
    @Completion(ContactCompleter.class)
    String peer;

    @Argument(index = 1, name = "file", required = true, multiValued = true, description = "The files to send")
    @Completion(LocalFileCompleter.class)
    List<String> files;

    @Reference
    BatchServices services;

    @Override
    public Object execute() throws Exception {
        Numbers.atLeast("--retries", retries, 0);
        Numbers.atLeast("--wait-peer", waitPeer, 0);
        Numbers.atLeast("--login-timeout", loginTimeout, 0);
        new SendJob(sift, services, console(), noFormat, progress).run(new SendJob.Request(account, peer, files,
                method, description, Duration.ofSeconds(waitPeer), Duration.ofSeconds(loginTimeout), oneByOne,
                retries, reportCpu));
        return null;
    }
}
