package io.sift.socks5.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sift.spi.StreamException;

/** The open streams of one account, so that they can be ended when the account or the method goes. */
final class OpenStreams {

    // guarded by this
    private final Set<SocketStream> streams = new LinkedHashSet<>();
    private StreamException.Kind shutDown;

    /** Adds a stream; false when the account's streams were already ended (the caller aborts it). */
    synchronized boolean add(SocketStream stream) {
        if (shutDown != null) {
            return false;
        }
        streams.add(stream);
        return true;
    }

    synchronized void remove(SocketStream stream) {
        streams.remove(stream);
    }

    synchronized int size() {
        return streams.size();
    }

    /** Ends every stream with {@code kind}; later ones are refused. */
    void endAll(StreamException.Kind kind, String reason) {
        List<SocketStream> all;
        synchronized (this) {
            if (shutDown == null) {
                shutDown = kind;
            }
            all = new ArrayList<>(streams);
            streams.clear();
        }
        all.forEach(s -> s.end(kind, reason));
    }
}
