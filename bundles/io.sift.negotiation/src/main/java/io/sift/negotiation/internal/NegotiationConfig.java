package io.sift.negotiation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of Stream Initiation (PID {@code io.sift.negotiation}). */
@ObjectClassDefinition(
        id = NegotiationConfig.PID,
        name = "SIFT stream negotiation",
        description = "XEP-0095 Stream Initiation: how peers' features are cached and how many offers may wait.")
public @interface NegotiationConfig {

    String PID = "io.sift.negotiation";

    @AttributeDefinition(name = "Disco cache (s)",
            description = "How long a peer's disco#info features are reused before asking again. 0: ask every time.",
            min = "0", max = "86400")
    int discoCacheSeconds() default 60;

    @AttributeDefinition(name = "Pending offers per account",
            description = "How many incoming offers may wait for an answer at once; more are refused until some are answered.",
            min = "1", max = "10000")
    int maxPendingOffers() default 64;

    @AttributeDefinition(name = "Pending offers per peer",
            description = "How many incoming offers from one peer (bare JID) may wait for an answer at once; more from "
                    + "that peer are refused (resource-constraint) while other peers are still served. "
                    + "At most the pending offers per account.",
            min = "1", max = "10000")
    int maxPendingOffersPerPeer() default 32;
}
