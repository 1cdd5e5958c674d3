package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code smack-peer blocks-receive}: the in-band data IQs of {@code streams} streams one after another,
 * each written to {@code into} over the one before.
 */
record BlockReceiveCommand(
        LoginOptions login,
        Path into,
        int streams,
        Duration timeout,
        boolean verbose) implements PeerCommand {
}
