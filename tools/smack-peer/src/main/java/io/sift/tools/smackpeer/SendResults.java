package io.sift.tools.smackpeer;

/**
 * The sender's RESULT lines, one per file, and the exit status they add up to: OK when every file completed,
 * otherwise the code of the first failure printed. Printing and deciding happen under one lock, so with
 * concurrent transfers the code always belongs to the first failed line on stdout.
 */
final class SendResults {

    private final Report report;
    private final CpuAtEnd cpuAtEnd;
    private int exitCode = SmackPeer.OK;

    SendResults(Report report, CpuAtEnd cpuAtEnd) {
        this.report = report;
        this.cpuAtEnd = cpuAtEnd;
    }

    /** The transfer ended by itself (complete or not), or Smack refused the offer at once. */
    synchronized void ended(String name, Outcome outcome) {
        record(name, outcome, SmackPeer.TRANSFER_FAILED);
    }

    /** The transfer did not end within --timeout and was cancelled. */
    synchronized void timedOut(String name, Outcome outcome) {
        record(name, outcome, SmackPeer.TIMED_OUT);
    }

    synchronized int exitCode() {
        return exitCode;
    }

    private void record(String name, Outcome outcome, int failureCode) {
        cpuAtEnd.mark();
        report.sent(name, outcome);
        if (exitCode == SmackPeer.OK && !outcome.isComplete()) {
            exitCode = failureCode;
        }
    }
}
