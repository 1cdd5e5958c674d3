package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sift.api.StreamMethods;

/** Which methods an offer lists: an empty file goes in-band alone whenever that is allowed and possible. */
class OfferedMethodsTest {

    private static final List<String> BOTH = List.of(StreamMethods.SOCKS5, StreamMethods.IBB);
    private static final Set<String> ANNOUNCES_BOTH = Set.of("http://jabber.org/protocol/si", StreamMethods.SOCKS5,
            StreamMethods.IBB);

    @Test
    void anEmptyFileIsOfferedInBandAlone() {
        assertEquals(List.of(StreamMethods.IBB), OfferedMethods.toOffer(BOTH, 0, BOTH, ANNOUNCES_BOTH));
        assertEquals(List.of(StreamMethods.IBB),
                OfferedMethods.toOffer(List.of("socks5", "ibb"), 0, BOTH, ANNOUNCES_BOTH), "short names too");
    }

    @Test
    void aFileWithContentIsOfferedOverEveryRemainingMethod() {
        assertEquals(BOTH, OfferedMethods.toOffer(BOTH, 1, BOTH, ANNOUNCES_BOTH));
    }

    @Test
    void anEmptyFileRestrictedToSocks5GoesOverSocks5() {
        assertEquals(List.of(StreamMethods.SOCKS5),
                OfferedMethods.toOffer(List.of(StreamMethods.SOCKS5), 0, BOTH, ANNOUNCES_BOTH));
    }

    @Test
    void anEmptyFileIsOfferedAsUsualWhenInBandIsNotRegisteredHere() {
        assertEquals(BOTH, OfferedMethods.toOffer(BOTH, 0, List.of(StreamMethods.SOCKS5), ANNOUNCES_BOTH));
    }

    @Test
    void anEmptyFileIsOfferedAsUsualToAPeerThatAnnouncesSocks5ButNotInBand() {
        assertEquals(BOTH, OfferedMethods.toOffer(BOTH, 0, BOTH, Set.of(StreamMethods.SOCKS5)));
    }

    @Test
    void aPeerThatAnnouncesNoMethodAtAllMayStillTakeInBand() {
        assertEquals(List.of(StreamMethods.IBB),
                OfferedMethods.toOffer(BOTH, 0, BOTH, Set.of("http://jabber.org/protocol/si")));
    }
}
