package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code smack-peer receive}: accept incoming offers into a directory until {@code count} transfers are
 * done, or one failed; with {@code keepGoing}, until {@code count} completed, whatever failed before.
 * {@code digest}: each RESULT line carries the SHA-256 of the file as it arrived, read back from disk
 * as its transfer ends (while other transfers may still run); without it, its size only.
 */
record ReceiveCommand(
        LoginOptions login,
        StreamhostOptions streamhosts,
        Path into,
        int count,
        boolean keepGoing,
        boolean digest,
        Duration timeout,
        boolean verbose) implements PeerCommand {
}
