package io.sift.shell.internal.karaf;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sift.shell.internal.batch.BatchServices;
import io.sift.shell.internal.batch.ReceiveJob;

@Service
@Command(scope = "sift", name = "receive", description = "Receive the next files offered to an account.",
        detailedDescription = "Accepts the next --count offers to the account into a directory, whatever the "
                + "configured offer policy says, and ends once that many files ended (exit status 0 only when "
                + "all completed). Tells each file's outcome and SHA-256; with --no-format, one tab-separated line "
                + "per file instead (state, name, size, method, SHA-256, stored file, milliseconds to the end and "
                + "to the first byte, check), the rest on the error stream. Shows the progress of the files being "
                + "received on a terminal. Follows the account when it reconnects. Ctrl-C cancels the files being "
                + "received on both sides; their partial files are deleted.")
public class ReceiveAction extends SiftAction {

    @Option(name = "-i", aliases = "--into", description = "Where to store the files (default: the current directory)")
    @Completion(LocalFileCompleter.class)
    String into;

    @Option(name = "-n", aliases = "--count", description = "How many files to receive")
    int count = 1;

    @Option(name = "-t", aliases = "--timeout",
            description = "Seconds to wait for all of them in all; 0 waits for ever")
    int timeout;

    @Option(name = "-a", aliases = "--account",
            description = "The account to receive with (default: the only account online, or configured)")
    @Completion(AccountCompleter.class)
    String account;

    @Option(name = "--login-timeout",
            description = "Seconds to wait for the account to be online at the start")
    int loginTimeout = 30;

    @Option(name = "--no-format", description = "One tab-separated result line per file, for scripts; the rest on "
            + "the error stream")
    boolean noFormat;

    @Option(name = "--progress", description = "Draw the progress bar even where the output is not known to be a "
            + "terminal")
    boolean progress;

    @Option(name = "--report-cpu", description = "Print this process's CPU time when the last transfer ended "
            + "(cpu-at-end-nanos), for benchmarks")
    boolean reportCpu;

    @Reference
    BatchServices services;

    @Override
    public Object execute() throws Exception {
        Numbers.atLeast("--count", count, 1);
        Numbers.atLeast("--timeout", timeout, 0);
        Numbers.atLeast("--login-timeout", loginTimeout, 0);
        new ReceiveJob(sift, services, console(), noFormat, progress).run(new ReceiveJob.Request(account, into, count,
                Duration.ofSeconds(timeout), Duration.ofSeconds(loginTimeout), reportCpu));
        return null;
    }
}
