package io.sift.ibb.internal;

import java.util.List;
import java.util.function.Consumer;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.osgi.service.log.Logger;

import io.sift.connection.AccountConnection;
import io.sift.spi.StreamException;

/**
 * This method's presence on one logged-in account: the ibb request handlers and the data message
 * listener on its connection, and the account's {@link IbbEndpoint}. Everything added to the
 * connection is removed again in {@link #close}.
 */
final class AccountBinding {

    private static final StanzaFilter DATA_MESSAGES = new AndFilter(StanzaTypeFilter.MESSAGE,
            new StanzaExtensionFilter(DataElement.ELEMENT, Ibb.NAMESPACE));

    private final AccountConnection account;
    private final XMPPConnection connection;
    private final SmackTransport transport;
    private final IbbEndpoint endpoint;
    private final Logger log;
    private final List<IQRequestHandler> handlers;
    private final StanzaListener dataMessages = this::onDataMessage;

    AccountBinding(AccountConnection account, IbbSettings settings, PeerRules oneBlockAtATime,
            Consumer<CodecWarmUp.Side> streamStarts, Logger log) {
        this.account = account;
        this.connection = account.connection();
        this.log = log;
        this.transport = new SmackTransport(account);
        this.endpoint = new IbbEndpoint(account.jid(), settings, oneBlockAtATime, FlowLimits.DEFAULT, transport,
                streamStarts, log);
        this.handlers = List.of(
                new IbbIqHandler<>(IbbOpen.ELEMENT, IbbOpen.class, endpoint::handleOpen, log),
                new IbbIqHandler<>(DataElement.ELEMENT, IbbDataIq.class, endpoint::handleData, log),
                new IbbIqHandler<>(IbbClose.ELEMENT, IbbClose.class, endpoint::handleClose, log));
        for (IQRequestHandler handler : handlers) {
            IQRequestHandler previous = connection.registerIQRequestHandler(handler);
            if (previous != null) {
                log.warn("{}: replaced another handler of in-band {} requests ({}).", account.jid(),
                        handler.getElement(), previous.getClass().getName());
            }
        }
        // sync: data messages of one connection are handled in order, like the data IQs
        connection.addSyncStanzaListener(dataMessages, DATA_MESSAGES);
    }

    AccountConnection account() {
        return account;
    }

    IbbEndpoint endpoint() {
        return endpoint;
    }

    /** Removes the handlers and ends the account's streams with {@code kind}. */
    void close(StreamException.Kind kind, String reason) {
        for (IQRequestHandler handler : handlers) {
            connection.unregisterIQRequestHandler(handler);
        }
        connection.removeSyncStanzaListener(dataMessages);
        // when the account went offline there is no connection to tell the peers through
        endpoint.shutdown(kind, reason, kind != StreamException.Kind.OFFLINE);
        // last: nothing of this account waits for an answer any more
        transport.close();
    }

    private void onDataMessage(Stanza stanza) {
        if (!(stanza instanceof Message message)) {
            return;
        }
        if (message.getExtensionElement(DataElement.ELEMENT, Ibb.NAMESPACE) instanceof DataElement data) {
            endpoint.handleDataMessage(message.getFrom(), data, message.getType() == Message.Type.error);
        } else {
            log.warn("{}: an in-band data message was not parsed by this bundle's provider; dropped.", account.jid());
        }
    }
}
