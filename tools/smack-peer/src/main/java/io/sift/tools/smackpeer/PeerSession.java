package io.sift.tools.smackpeer;

import java.io.IOException;
import java.util.Optional;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * One logged-in Smack connection with Smack's defaults, except plain TCP to the given host: this is the
 * reference as Smack users get it (no TCP_NODELAY, Smack's reply timeouts and SASL choice).
 */
final class PeerSession implements AutoCloseable {

    private final XMPPTCPConnection connection;

    private PeerSession(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    // setHostAddressByNameOrIp is deprecated in Smack 4.4, but it is the one setter that takes a name or an IP literal
    @SuppressWarnings("deprecation")
    static PeerSession open(LoginOptions login)
            throws IOException, SmackException, XMPPException, InterruptedException {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppAddressAndPassword(login.jid(), login.password())
                // the given host only: no DNS SRV lookup of the domain, so no other server is ever tried
                .setHostAddressByNameOrIp(login.host())
                .setPort(login.port())
                .setResource(login.resource())
                .setSecurityMode(SecurityMode.disabled)
                .build();
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        try {
            connection.connect().login();
        } catch (IOException | SmackException | XMPPException | InterruptedException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
        return new PeerSession(connection);
    }

    /** What a command does to its connection right after login, before anything else. */
    interface SetUp {
        void on(XMPPTCPConnection connection) throws Exception;

        SetUp NOTHING = connection -> { };
    }

    /**
     * Logs in and sets the connection up, or says on the error log why that failed and returns empty:
     * the command then exits with {@link SmackPeer#CONNECTION_FAILED}.
     */
    static Optional<PeerSession> openOrReport(LoginOptions login, ErrorLog errors, SetUp setUp)
            throws InterruptedException {
        PeerSession session = null;
        try {
            session = open(login);
            setUp.on(session.connection());
            return Optional.of(session);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (session != null) {
                session.close();
            }
            errors.problem("login as " + login.jid() + " at " + login.host() + ":" + login.port() + " failed", e);
            return Optional.empty();
        }
    }

    XMPPTCPConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
