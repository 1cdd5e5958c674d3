package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code smack-peer receive}: accept incoming offers into a directory until {@code count} transfers are
 * done, or one failed; with {@code keepGoing}, until {@code count} completed, whatever failed before.
 */
record ReceiveCommand(
        LoginOptions login,
        StreamhostOptions streamhosts,
        Path into,
        int count,
        boolean keepGoing,
        Duration timeout,
        boolean verbose) implements PeerCommand {
}
