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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which partial file a transfer gets: a free name, a leftover to continue, or one to start again. */
class PartFileTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final PartIdentity A = new PartIdentity("alice@example.org", "a.txt", 100,
            Optional.of(Instant.parse("2026-01-02T03:04:05Z")), Optional.empty());

    @TempDir
    Path dir;

    private final Set<Path> held = ConcurrentHashMap.newKeySet();

    private PartFile reserve(PartIdentity wanted, boolean resumable) throws IOException {
        return PartFile.reserve(dir, "a.txt", wanted, resumable, DAY, held);
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
        PartIdentity otherDate = new PartIdentity(A.peer(), "a.txt", 100, Optional.empty(), A.md5());
        PartIdentity otherSize = new PartIdentity(A.peer(), "a.txt", 101, A.date(), A.md5());
        for (PartIdentity offered : List.of(otherDate, otherSize)) {
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
    void anotherSendersFreshLeftoverIsLeftForItAndTheNewFileTakesTheNextName() throws IOException {
        leftover(A, 40);
        PartIdentity mallory = new PartIdentity("mallory@example.org", "a.txt", 100, A.date(), A.md5());
        try (PartFile part = reserve(mallory, true)) {
            assertEquals(dir.resolve("a (1).txt"), part.target());
            assertEquals(0, part.resumeFrom());
        }
        assertEquals(40, Files.size(dir.resolve("a.txt.part")));
        assertEquals(Optional.of(A), PartIdentity.read(dir.resolve(".a.txt.part.sift")));
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
        try (PartFile fresh = PartFile.reserve(dir, "b.txt", b, true, DAY, held)) {
            Files.writeString(dir.resolve("unrelated.part"), "not SIFT's");
            assertEquals(1, PartFile.sweep(dir, DAY, held));
            assertEquals(List.of(".b.txt.part.sift", "b.txt.part", "unrelated.part"), namesIn(dir));
            Files.setLastModifiedTime(fresh.part(), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
            assertEquals(0, PartFile.sweep(dir, DAY, held), "held by a running transfer");
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

    @Test
    void anotherTransferOrASweepNeverUnlocksAHeldPartForOtherProcesses() throws Exception {
        try (PartFile running = reserve(A, true)) {
            try (PartFile second = reserve(A, true)) {
                assertEquals(dir.resolve("a (1).txt"), second.target());
            }
            // (setting its time would open and close the file here: a sweep that deems everything expired instead)
            assertEquals(1, PartFile.sweep(dir, Duration.ZERO, held), "only the leftover of the second is swept");
            assertTrue(Files.exists(running.part()), "the held one stays");
            assertEquals("held", lockSeenByAnotherProcess(running.part()),
                    "closing any second descriptor of the file would have dropped this process's lock");
        }
        assertEquals("free", lockSeenByAnotherProcess(dir.resolve("a.txt.part")));
    }

    /** Whether a separate JVM can lock the file ("free") or finds it locked ("held"). */
    private String lockSeenByAnotherProcess(Path file) throws Exception {
        Path probe = Files.writeString(dir.resolve("Probe.java"), String.join("\n",
                "import java.nio.channels.FileChannel;",
                "import java.nio.file.*;",
                "public class Probe {",
                "  public static void main(String[] a) throws Exception {",
                "    try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {",
                "      System.out.print(c.tryLock() == null ? \"held\" : \"free\");",
                "    }",
                "  }",
                "}"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(), file.toString()).redirectErrorStream(true).start();
        String answer = new String(process.getInputStream().readAllBytes()).strip();
        assertEquals(0, process.waitFor(), answer);
        return answer;
    }
}
