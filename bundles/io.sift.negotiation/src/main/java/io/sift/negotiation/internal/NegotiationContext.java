package io.sift.negotiation.internal;

import java.util.concurrent.Executor;

import org.osgi.service.log.Logger;

import io.sift.negotiation.SiProfile;
import io.sift.spi.StreamMethod;

/** What every account's negotiation shares: the whiteboards, the settings, the executor. */
record NegotiationContext(
        RankedServices<StreamMethod> methods,
        RankedServices<SiProfile> profiles,
        SiIqProvider parser,
        SidGenerator sids,
        Executor executor,
        NegotiationSettings settings,
        Logger log) {
}
