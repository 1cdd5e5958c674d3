package io.sift.socks5.internal;

import java.io.IOException;

/** The other end of a SOCKS5 connection broke the protocol or refused the connection. */
final class Socks5ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    Socks5ProtocolException(String message) {
        super(message);
    }
}
