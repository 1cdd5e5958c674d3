package io.sift.negotiation.internal;

import java.util.function.Consumer;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;

/**
 * Receives {@code <si/>} set requests on one connection. Returns no response: the answer is sent
 * later, when the profile has decided (it may ask a person).
 */
final class SiRequestHandler extends AbstractIqRequestHandler {

    private final Consumer<IQ> requests;

    SiRequestHandler(Consumer<IQ> requests) {
        super(SiNamespaces.SI_ELEMENT, SiNamespaces.SI, IQ.Type.set, Mode.async);
        this.requests = requests;
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        requests.accept(request);
        return null;
    }
}
