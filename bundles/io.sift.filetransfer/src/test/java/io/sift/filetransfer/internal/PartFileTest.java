package io.sift.filetransfer.internal;

import static io.sift.filetransfer.internal.HubFixture.namesIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which partial file a transfer gets: a free name, a leftover to continue, or one to start again. */
class PartFileTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final PartIdentity A = new PartIdentity("alice@example.org", "a.txt", 100,
            Optional.of(Instant.parse("2026-01-02T03:04:05Z")), Optional.empty());

    @TempDir
    Path dir;

    private PartFile reserve(PartIdentity wanted, boolean resumable) throws IOException {
        return PartFile.reserve(dir, "a.txt", wanted, resumable, DAY);
    }

    /** A partial file left by an earlier transfer of {@code of}, {@code length} bytes long. */
    private void leftover(PartIdentity of, int length) throws IOException {
        try (PartFile part = reserve(of, true)) {
            part.channel().write(java.nio.ByteBuffer.wrap(new byte[length]));
        }
    }

    @Test
    void reservesTheNameItselfWhenFree() throws IOException {
        try (PartFile part = reserve(A, true)) {
            assertEquals(dir.resolve("a.txt"), part.target());
            assertFalse(Files.exists(part.target()));
            assertEquals(0, Files.size(dir.resolve("a.txt.part")));
            assertEquals(0, part.resumeFrom());
            assertEquals(Optional.of(A), PartIdentity.read(dir.resolve(".a.txt.part.sift")));
        }
    }

    @Test
    void anExistingFileGetsANumberBeforeTheExtension() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "mine");
        try (PartFile part = reserve(A, true)) {
            assertEquals(dir.resolve("a (1).txt"), part.target());
            assertTrue(Files.exists(dir.resolve("a (1).txt.part")));
        }
        assertEquals("mine", Files.readString(dir.resolve("a.txt")));
    }

    @Test
    void aPartialFileOfARunningTransferHoldsItsName() throws IOException {
        try (PartFile running = reserve(A, true)) {
            Files.writeString(dir.resolve("a (1).txt"), "older");
            try (PartFile second = reserve(A, true); PartFile third = reserve(A, true)) {
                assertEquals(dir.resolve("a (2).txt"), second.target());
                assertEquals(dir.resolve("a (3).txt"), third.target());
            }
            assertEquals(dir.resolve("a.txt"), running.target());
        }
    }

    @Test
    void aLeftoverOfTheSameFileFromTheSameSenderIsContinued() throws IOException {
        leftover(A, 40);
        try (PartFile part = reserve(A, true)) {
            assertEquals(dir.resolve("a.txt"), part.target());
            assertEquals(40, part.resumeFrom());
            assertEquals(40, Files.size(part.part()));
        }
    }

    @Test
    void aLeftoverOfAnythingElseStartsAgainUnderTheSameName() throws IOException {
        PartIdentity otherSender = new PartIdentity("mallory@example.org", "a.txt", 100, A.date(), A.md5());
        PartIdentity otherDate = new PartIdentity(A.peer(), "a.txt", 100, Optional.empty(), A.md5());
        PartIdentity otherSize = new PartIdentity(A.peer(), "a.txt", 101, A.date(), A.md5());
        for (PartIdentity offered : List.of(otherSender, otherDate, otherSize)) {
            leftover(A, 40);
            try (PartFile part = reserve(offered, true)) {
                assertEquals(dir.resolve("a.txt"), part.target(), "a leftover never shifts the name");
                assertEquals(0, part.resumeFrom(), offered::toString);
                assertEquals(0, Files.size(part.part()));
                assertEquals(Optional.of(offered), PartIdentity.read(PartFile.identityOf(part.part())));
                part.delete();
            }
        }
    }

    @Test
    void aSenderThatCannotResumeOrAnExpiredOrCompleteLeftoverStartsAgain() throws IOException {
        leftover(A, 40);
        try (PartFile part = reserve(A, false)) {
            assertEquals(0, part.resumeFrom(), "the offer had no <range/>");
        }
        leftover(A, 40);
        Files.setLastModifiedTime(dir.resolve("a.txt.part"), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        try (PartFile part = reserve(A, true)) {
            assertEquals(0, part.resumeFrom(), "expired");
        }
        leftover(A, 100);
        try (PartFile part = reserve(A, true)) {
            assertEquals(0, part.resumeFrom(), "as long as the whole file: nothing to continue");
        }
    }

    @Test
    void aLeftoverWithoutIdentityIsStartedAgain() throws IOException {
        Files.writeString(dir.resolve("a.txt.part"), "someone's bytes");
        try (PartFile part = reserve(A, true)) {
            assertEquals(dir.resolve("a.txt"), part.target());
            assertEquals(0, part.resumeFrom());
        }
    }

    @Test
    void theSweepDeletesOnlyExpiredLeftoversNobodyHolds() throws IOException {
        leftover(A, 10);
        Files.setLastModifiedTime(dir.resolve("a.txt.part"), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        PartIdentity b = new PartIdentity(A.peer(), "b.txt", 100, A.date(), A.md5());
        try (PartFile fresh = PartFile.reserve(dir, "b.txt", b, true, DAY)) {
            Files.writeString(dir.resolve("unrelated.part"), "not SIFT's");
            assertEquals(1, PartFile.sweep(dir, DAY));
            assertEquals(List.of(".b.txt.part.sift", "b.txt.part", "unrelated.part"), namesIn(dir));
            Files.setLastModifiedTime(fresh.part(), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
            assertEquals(0, PartFile.sweep(dir, DAY), "held by a running transfer");
        }
    }

    @Test
    void deletingRemovesThePartAndItsIdentityAndPlacingOnlyTheIdentity() throws IOException {
        try (PartFile part = reserve(A, true)) {
            part.delete();
        }
        assertEquals(List.of(), namesIn(dir));
        try (PartFile part = reserve(A, true)) {
            Files.createLink(part.target(), part.part());
            Files.delete(part.part());
            part.placed();
        }
        assertEquals(List.of("a.txt"), namesIn(dir));
    }
}
