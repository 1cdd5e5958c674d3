package io.sift.negotiation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NegotiationRehearsalTest {

    @Test
    void theOfferPassesTheIncomingCheckAndTheAcceptanceNamesTheFirstMethodOffered() throws Exception {
        assertEquals(NegotiationRehearsal.METHODS.get(0), new NegotiationRehearsal(new SiIqProvider()).chosenMethod());
    }
}
