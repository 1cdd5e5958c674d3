package io.sift.tools.smackpeer;

import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Smack 4.4.8's own FileTransferManager as a command-line peer, so tests and benchmarks can run it as a
 * separate process against a local server. See {@link CommandLine#USAGE} for the commands and exit codes.
 */
public final class SmackPeer {

    static final int OK = 0;
    static final int TRANSFER_FAILED = 1;
    static final int USAGE = 2;
    static final int CONNECTION_FAILED = 3;
    static final int TIMED_OUT = 4;

    private SmackPeer() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.out, System.err);
        // Smack leaves non-daemon threads behind after disconnecting
        System.exit(code);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(CommandLine.USAGE);
            out.flush();
            return OK;
        }
        PeerCommand command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.print("smack-peer: " + e.getMessage() + " (see smack-peer --help)\n");
            err.flush();
            return USAGE;
        }
        configureLogging(command.verbose());
        Report report = new Report(out);
        ErrorLog errors = new ErrorLog(err, command.verbose());
        try {
            if (command instanceof SendCommand send) {
                return new Sender(send, report, errors, new CpuAtOffer(err), new CpuAtEnd(err)).run();
            }
            if (command instanceof BlockSendCommand send) {
                return new BlockSender(send, report, errors, new CpuAtOffer(err), new CpuAtEnd(err)).run();
            }
            if (command instanceof BlockReceiveCommand receive) {
                return new BlockReceiver(receive, report, errors, new CpuAtOffer(err), new CpuAtEnd(err)).run();
            }
            return new Receiver((ReceiveCommand) command, report, errors, new CpuAtEnd(err)).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.problem("interrupted");
            return TRANSFER_FAILED;
        }
    }

    /**
     * Smack logs through java.util.logging, with multi-line records and stack traces on stderr. Without
     * --verbose every problem is reported by this program in one line instead.
     */
    private static void configureLogging(boolean verbose) {
        if (!verbose) {
            LogManager.getLogManager().reset();
            Logger.getLogger("").setLevel(Level.OFF);
        }
    }
}
