package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FileTransferRehearsalTest {

    @Test
    void theOfferedFileComesBackAsItWasOfferedWithItsCheckAndRange() throws Exception {
        assertEquals(new FileElement("rehearsal.bin", 1 << 20, Optional.empty(), Optional.of(Instant.EPOCH),
                Optional.of("rehearsal"), true, true), new FileTransferRehearsal().checkedOffer());
    }
}
