package io.sift.ibb.internal;

import java.util.function.Function;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.osgi.service.log.Logger;

/**
 * Serves one ibb request element on a connection. Sync mode: Smack then hands one connection's
 * requests over one at a time and in order, which the seq check of data blocks relies on.
 */
final class IbbIqHandler<T extends IQ> extends AbstractIqRequestHandler {

    private final Class<T> type;
    private final Function<T, IQ> handle;
    private final Logger log;

    IbbIqHandler(String element, Class<T> type, Function<T, IQ> handle, Logger log) {
        super(element, Ibb.NAMESPACE, IQ.Type.set, Mode.sync);
        this.type = type;
        this.handle = handle;
        this.log = log;
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        if (!type.isInstance(request)) {
            // another bundle replaced this bundle's provider in Smack's JVM-wide registry
            log.warn("An in-band {} request was parsed as {}, not {}: another provider for {} is registered.",
                    getElement(), request.getClass().getName(), type.getSimpleName(), Ibb.NAMESPACE);
            return IbbErrors.reply(request, StanzaError.Condition.internal_server_error, StanzaError.Type.CANCEL);
        }
        try {
            return handle.apply(type.cast(request));
        } catch (RuntimeException e) {
            log.error("Failed to handle an in-band {} request from {}.", getElement(), request.getFrom(), e);
            return IbbErrors.reply(request, StanzaError.Condition.internal_server_error, StanzaError.Type.CANCEL);
        }
    }
}
