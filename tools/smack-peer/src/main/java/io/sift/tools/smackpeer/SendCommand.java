package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jxmpp.jid.EntityFullJid;

/**
 * {@code smack-peer send}: offer files to one full JID through Smack's FileTransferManager.
 *
 * @param files at least one, no two with the same file name (the name is all the receiver gets)
 * @param oneByOne offer each file only after the previous one's transfer ended; otherwise all at once
 * @param timeout for each file, from its offer to the end of its transfer
 */
record SendCommand(
        LoginOptions login,
        StreamhostOptions streamhosts,
        EntityFullJid to,
        List<Path> files,
        boolean oneByOne,
        Method method,
        OptionalInt ibbBlockSize,
        Optional<String> description,
        Duration timeout,
        boolean verbose) implements PeerCommand {

    SendCommand {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file to send");
        }
    }

    /** Which stream methods the offer lists; the receiver picks among them. */
    enum Method {
        /** Smack's own offer: SOCKS5 bytestreams, then in-band bytestreams. */
        ANY,
        /** In-band bytestreams only (Smack's FileTransferNegotiator.IBB_ONLY). */
        IBB,
        /** SOCKS5 bytestreams only: Smack has no setting for this, the offer is rewritten on its way out. */
        SOCKS5
    }
}
