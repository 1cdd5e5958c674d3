package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;

/** {@code smack-peer blocks-receive}: the in-band data IQs of one stream, written to {@code into}. */
record BlockReceiveCommand(
        LoginOptions login,
        Path into,
        Duration timeout,
        boolean verbose) implements PeerCommand {
}
