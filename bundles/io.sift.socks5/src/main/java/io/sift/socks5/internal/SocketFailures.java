package io.sift.socks5.internal;

import java.io.IOException;
import java.util.Locale;

import io.sift.spi.StreamException;

/**
 * What a socket error means for the transfer. A reset or a broken pipe is the other end closing in
 * the middle, which is how a receiver cancels (it stops reading and closes); anything else is a
 * broken stream.
 */
final class SocketFailures {

    private SocketFailures() {
    }

    static StreamException.Kind kindOf(IOException e) {
        if (e instanceof StreamException s) {
            return s.kind();
        }
        String message = e.getMessage();
        if (message == null) {
            return StreamException.Kind.BROKEN;
        }
        String m = message.toLowerCase(Locale.ROOT);
        // Linux, macOS and Windows wordings of ECONNRESET, EPIPE and WSAECONNABORTED
        if (m.contains("connection reset") || m.contains("broken pipe") || m.contains("connection was aborted")
                || m.contains("forcibly closed")) {
            return StreamException.Kind.CLOSED_BY_PEER;
        }
        return StreamException.Kind.BROKEN;
    }

    static StreamException map(IOException e, String what) {
        if (e instanceof StreamException s) {
            return s;
        }
        StreamException.Kind kind = kindOf(e);
        String message = kind == StreamException.Kind.CLOSED_BY_PEER
                ? "the peer closed the SOCKS5 bytestream while " + what
                : "the SOCKS5 bytestream broke while " + what + ": " + e.getMessage();
        return new StreamException(kind, message, e);
    }
}
