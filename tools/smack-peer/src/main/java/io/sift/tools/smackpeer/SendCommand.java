package io.sift.tools.smackpeer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import org.jxmpp.jid.EntityFullJid;

/** {@code smack-peer send}: offer one file to one full JID through Smack's FileTransferManager. */
record SendCommand(
        LoginOptions login,
        StreamhostOptions streamhosts,
        EntityFullJid to,
        Path file,
        Method method,
        OptionalInt ibbBlockSize,
        Optional<String> description,
        Duration timeout,
        boolean verbose) implements PeerCommand {

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
