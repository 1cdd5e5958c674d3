package io.sift.negotiation.internal;

import static io.sift.negotiation.internal.Xml.IBB;
import static io.sift.negotiation.internal.Xml.S5B;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MethodChoiceTest {

    private static final String CUSTOM = "urn:example:stream";
    private static final String SI = SiNamespaces.SI;

    @Test
    void allRegisteredInPriorityOrderWhenNothingIsRequested() {
        assertEquals(List.of(S5B, IBB), MethodChoice.toOffer(List.of(S5B, IBB), List.of(), Set.of(SI, S5B, IBB)));
        assertEquals(List.of(IBB, S5B), MethodChoice.toOffer(List.of(IBB, S5B), List.of(), Set.of(SI, S5B, IBB)));
    }

    @Test
    void requestedMethodsInTheRequestedOrderAndOnlyRegisteredOnes() {
        assertEquals(List.of(IBB, S5B),
                MethodChoice.toOffer(List.of(S5B, IBB), List.of(IBB, CUSTOM, S5B), Set.of(SI, S5B, IBB)));
        assertEquals(List.of(IBB), MethodChoice.toOffer(List.of(S5B, IBB), List.of("ibb", IBB), Set.of(SI, S5B, IBB)));
        assertEquals(List.of(), MethodChoice.toOffer(List.of(S5B), List.of(IBB), Set.of(SI, S5B, IBB)));
    }

    @Test
    void narrowedToWhatThePeerAnnounces() {
        assertEquals(List.of(IBB), MethodChoice.toOffer(List.of(S5B, IBB), List.of(), Set.of(SI, IBB)));
        assertEquals(List.of(CUSTOM), MethodChoice.toOffer(List.of(S5B, CUSTOM), List.of(), Set.of(SI, CUSTOM)));
    }

    @Test
    void peerThatAnnouncesNoKnownMethodGetsThemAll() {
        assertEquals(List.of(S5B, IBB), MethodChoice.toOffer(List.of(S5B, IBB), List.of(), Set.of(SI)));
        assertEquals(List.of(S5B, IBB),
                MethodChoice.toOffer(List.of(S5B, IBB), List.of(), Set.of(SI, "urn:unknown:method")));
    }

    @Test
    void peerWithOnlyAMethodWeLackGetsNothing() {
        // it announces in-band only, and in-band is not registered here: that is a real mismatch
        assertEquals(List.of(), MethodChoice.toOffer(List.of(S5B), List.of(), Set.of(SI, IBB)));
    }

    @Test
    void duplicateRegistrationsAreOfferedOnce() {
        assertEquals(List.of(S5B, IBB), MethodChoice.toOffer(List.of(S5B, S5B, IBB), List.of(), Set.of()));
    }

    @Test
    void acceptableKeepsThisSidesOrder() {
        assertEquals(List.of(S5B, IBB), MethodChoice.acceptable(List.of(IBB, CUSTOM, S5B), List.of(S5B, IBB)));
        assertEquals(List.of(), MethodChoice.acceptable(List.of(CUSTOM), List.of(S5B, IBB)));
        assertEquals(List.of(), MethodChoice.acceptable(List.of(), List.of(S5B, IBB)));
    }

    @Test
    void chosenIsTheFirstAnsweredValueThatWasOffered() {
        assertEquals(Optional.of(IBB), MethodChoice.chosen(List.of(IBB), List.of(S5B, IBB)));
        // Smack 4.3 / Spark style: two values
        assertEquals(Optional.of(S5B), MethodChoice.chosen(List.of(S5B, IBB), List.of(S5B, IBB)));
        assertEquals(Optional.of(IBB), MethodChoice.chosen(List.of(CUSTOM, IBB), List.of(S5B, IBB)));
        assertEquals(Optional.empty(), MethodChoice.chosen(List.of(CUSTOM), List.of(S5B, IBB)));
        assertEquals(Optional.empty(), MethodChoice.chosen(List.of(), List.of(S5B, IBB)));
    }
}
