package io.sift.tools.smackpeer;

import java.time.Duration;

/** One run of the peer, as the command line asked for it. */
sealed interface PeerCommand permits SendCommand, ReceiveCommand, BlockSendCommand, BlockReceiveCommand {

    LoginOptions login();

    /**
     * For send: for each file, from its offer to the end of its transfer. For receive: from login to the last
     * transfer's end. For blocks-send and blocks-receive: from login to the end of the stream.
     */
    Duration timeout();

    /** Let Smack log and print stack traces; without it every problem is one line on stderr. */
    boolean verbose();
}
