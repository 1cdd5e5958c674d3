package io.sift.connection.internal;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Builds the Smack connection for validated settings. */
final class SmackConnections {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private SmackConnections() {
    }

    static XMPPTCPConnection create(AccountSettings settings) {
        XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(settings.jid().asDomainBareJid())
                .setUsernameAndPassword(settings.jid().getLocalpart(), settings.password())
                .setPort(settings.port())
                .setSecurityMode(settings.securityMode())
                .setSocketFactory(new NoDelaySocketFactory())
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                // AccountSession announces the account itself, once the bundles that serve it are ready
                .setSendPresence(false);
        settings.host().ifPresent(builder::setHostAddressByNameOrIp);
        settings.resource().ifPresent(builder::setResource);
        XMPPTCPConnection connection = new XMPPTCPConnection(builder.build());
        connection.setReplyTimeout(settings.replyTimeoutMillis());
        return connection;
    }
}
