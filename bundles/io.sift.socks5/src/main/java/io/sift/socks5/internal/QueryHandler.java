package io.sift.socks5.internal;

import java.util.function.Function;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.osgi.service.log.Logger;

/**
 * Serves bytestreams {@code <query/>} sets on a connection. Async mode: the handler only checks the
 * offer and starts the connection attempts on this bundle's threads; the answer is sent when they
 * are done, so one slow offer never holds up the connection's other requests.
 */
final class QueryHandler extends AbstractIqRequestHandler {

    private final Function<BytestreamQuery, IQ> handle;
    private final Logger log;

    /** @param handle returns the answer, or null when it is sent later */
    QueryHandler(Function<BytestreamQuery, IQ> handle, Logger log) {
        super(Bytestreams.QUERY, Bytestreams.NAMESPACE, IQ.Type.set, Mode.async);
        this.handle = handle;
        this.log = log;
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        if (!(request instanceof BytestreamQuery query)) {
            // another bundle replaced this bundle's provider in Smack's JVM-wide registry
            log.warn("A bytestreams query was parsed as {}, not BytestreamQuery: another provider for {} is registered.",
                    request.getClass().getName(), Bytestreams.NAMESPACE);
            return Socks5Errors.reply(request, StanzaError.Condition.internal_server_error, StanzaError.Type.CANCEL);
        }
        try {
            return handle.apply(query);
        } catch (RuntimeException e) {
            log.error("Failed to handle a bytestreams query from {}.", request.getFrom(), e);
            return Socks5Errors.reply(request, StanzaError.Condition.internal_server_error, StanzaError.Type.CANCEL);
        }
    }
}
