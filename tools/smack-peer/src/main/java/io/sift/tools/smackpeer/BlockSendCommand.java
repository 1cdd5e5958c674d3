package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;

import org.jxmpp.jid.EntityFullJid;

/**
 * {@code smack-peer blocks-send}: one file as bare in-band data IQs to one full JID, up to {@code window}
 * of them unanswered.
 */
record BlockSendCommand(
        LoginOptions login,
        EntityFullJid to,
        Path file,
        int blockSize,
        int window,
        Duration timeout,
        boolean verbose) implements PeerCommand {
}
