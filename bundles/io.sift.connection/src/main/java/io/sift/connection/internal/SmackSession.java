package io.sift.connection.internal;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * One Smack connection of an account, set up as SIFT needs it: its self-description, its record of
 * the peers' capabilities. An account takes a new one for each attempt to
 * connect: a Smack connection that broke without stream management keeps the stanzas its writer had
 * queued and, connected again, writes them before the new stream's header, which the server answers
 * with {@code invalid-namespace} and a closed stream, attempt after attempt until they are used up.
 */
final class SmackSession implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final SelfDescription self;
    private final PeerCaps peers;

    SmackSession(AccountSettings settings, SoftwareIdentity software) {
        this.connection = SmackConnections.create(settings);
        this.self = new SelfDescription(connection, software);
        this.peers = new PeerCaps(connection);
    }

    XMPPTCPConnection connection() {
        return connection;
    }

    PeerCaps peers() {
        return peers;
    }

    /** See {@link SelfDescription#smackCapsComputed()}. */
    boolean smackCapsComputed() {
        return self.smackCapsComputed();
    }

    /** Lets go of a connection that is shut down already; nothing of it is used afterwards. */
    @Override
    public void close() {
        peers.close();
        self.close();
    }
}
