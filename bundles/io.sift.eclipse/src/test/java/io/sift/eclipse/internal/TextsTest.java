package io.sift.eclipse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sift.api.Availability;
import io.sift.api.Contact;
import io.sift.api.ContactResource;
import io.sift.api.FailureReason;
import io.sift.api.FileTransferSupport;
import io.sift.api.TransferFailure;

class TextsTest {

    @Test
    void sizesUseBinaryUnits() {
        assertEquals("512 B", Sizes.bytes(512));
        assertEquals("8.0 MiB", Sizes.bytes(8L << 20));
        assertEquals("1.5 KiB/s", Sizes.rate(1536));
    }

    @Test
    void failuresSayWhatHappenedBeforeSiftsOwnWords() {
        assertEquals("bob@localhost is offline or did not answer (no available resource)",
                Outcomes.failure(new TransferFailure(FailureReason.PEER_UNAVAILABLE, "no available resource"),
                        "bob@localhost"));
        assertTrue(Outcomes.failure(new TransferFailure(FailureReason.NO_COMMON_METHOD, "x"), "bob")
                .startsWith("there is no transfer method both sides support"));
    }

    @Test
    void presenceTellsWhetherFilesCanBeReceived() {
        Contact bob = new Contact("bob@localhost", Optional.of("Bob"), List.of(new ContactResource("bob@localhost/sift",
                Availability.AWAY, Optional.of("lunch"), 0, FileTransferSupport.SUPPORTED, Optional.empty())));
        Contact carol = new Contact("carol@localhost", Optional.empty(), List.of(new ContactResource(
                "carol@localhost/x", Availability.AVAILABLE, Optional.empty(), 0, FileTransferSupport.UNSUPPORTED,
                Optional.empty())));
        Contact dave = new Contact("dave@localhost", Optional.empty(), List.of());
        assertEquals("Away (lunch) \u2014 can receive files", ContactText.presence(bob));
        assertEquals("Available \u2014 cannot receive files", ContactText.presence(carol));
        assertEquals("Offline", ContactText.presence(dave));
        assertEquals("Bob <bob@localhost>", ContactText.label(bob));
        assertTrue(ContactText.matches(bob, "BO"));
        assertTrue(ContactText.matches(bob, "bob@"));
        assertTrue(!ContactText.matches(carol, "bob"));
    }

    @Test
    void theRateFollowsRecentBytes() {
        RateMeter meter = new RateMeter();
        meter.sample(0, 0);
        assertEquals(1_000_000, meter.sample(1_000_000_000L, 1_000_000), 1);
    }
}
