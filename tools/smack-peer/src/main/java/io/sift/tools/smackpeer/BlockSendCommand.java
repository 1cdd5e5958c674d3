package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;

import org.jxmpp.jid.EntityFullJid;

/**
 * {@code smack-peer blocks-send}: one file as bare in-band data IQs to one full JID, up to {@code window}
 * of them unanswered, in {@code streams} streams one after another; with {@code oneListener} every answer
 * is taken by one listener instead of a request per block.
 */
record BlockSendCommand(
        LoginOptions login,
        EntityFullJid to,
        Path file,
        int blockSize,
        int window,
        int streams,
        boolean oneListener,
        Duration timeout,
        boolean verbose) implements PeerCommand {
}
