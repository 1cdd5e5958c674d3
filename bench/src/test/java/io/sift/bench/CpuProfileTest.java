package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.bench.CpuProfile.Frame;
import io.sift.bench.CpuProfile.Kind;
import jdk.jfr.Recording;

class CpuProfileTest {

    private static Frame java(String type, String method) {
        return new Frame(type, method, "JIT compiled");
    }

    @Test
    void compilerAndGcThreadsCountByTheirNames() {
        List<Frame> stack = List.of(new Frame("libjvm.so", "PhaseChaitin::Register_Allocate", "C++"));
        assertEquals(Kind.JIT, CpuProfile.kindOf("C2 CompilerThre", stack));
        assertEquals(Kind.JIT, CpuProfile.kindOf("C1 CompilerThre", stack));
        assertEquals(Kind.GC, CpuProfile.kindOf("GC Thread#0", stack));
        assertEquals(Kind.VM, CpuProfile.kindOf("VM Thread", stack));
        assertEquals(Kind.OTHER, CpuProfile.kindOf("sift-transfer-1", stack));
    }

    @Test
    void theFrameNearestTheTopThatNamesAKindDecides() {
        Frame read = new Frame("", "filemap_read", "Kernel");
        Frame digest = java("sun.security.provider.DigestBase", "engineUpdate");
        Frame transfer = java("io.sift.filetransfer.internal.HashingPipe", "run");
        assertEquals(Kind.HASH, CpuProfile.kindOf("sift-hash-1",
                List.of(new Frame("", "sha256_implCompressMB", "Native"), digest, transfer)));
        // a hash that waits for the kernel to copy its input is the kernel's time
        assertEquals(Kind.KERNEL, CpuProfile.kindOf("sift-hash-1", List.of(read, digest, transfer)));
        assertEquals(Kind.BASE64, CpuProfile.kindOf("sift-transfer-1",
                List.of(java("java.util.Base64$Decoder", "decodeBlock"), java("io.sift.ibb.internal.Base64Block", "decode"))));
        assertEquals(Kind.XML, CpuProfile.kindOf("Smack Reader (0)",
                List.of(java("com.sun.org.apache.xerces.internal.impl.XMLEntityScanner", "scanContent"))));
        assertEquals(Kind.CLASS_LOADING, CpuProfile.kindOf("main",
                List.of(new Frame("libjvm.so", "ClassFileParser::parse_stream", "C++"),
                        new Frame("java.lang.ClassLoader", "defineClass1", "Native"))));
        assertEquals(Kind.LAMBDA_LINKING, CpuProfile.kindOf("main",
                List.of(java("java.lang.invoke.InnerClassLambdaMetafactory", "spinInnerClass"),
                        java("java.lang.invoke.MethodHandleNatives", "linkCallSite"))));
        assertEquals(Kind.INTERPRETED, CpuProfile.kindOf("main",
                List.of(new Frame("io.sift.Cold", "firstCall", "Interpreted"))));
        assertEquals(Kind.OTHER, CpuProfile.kindOf("main", List.of()));
    }

    /**
     * A real recording: JFR's own sampler here (Java frames only), which writes the same events
     * async-profiler writes for a peer. The work is XML parsing, plain Java that every sample sees.
     */
    @Test
    void aRecordingOfThisJvmShowsItsXmlParsingAndOnlyInsideTheWindow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("samples.jfr");
        byte[] document = ("<stream>" + "<iq type='set' id='a1'><data seq='1'>QUJD</data></iq>".repeat(2000)
                + "</stream>").getBytes(StandardCharsets.UTF_8);
        XMLInputFactory factory = XMLInputFactory.newFactory();
        Instant from;
        Instant to;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            from = Instant.now();
            // until the sampler has caught the parsing often enough; a busy machine only takes longer
            busy("parsing", () -> {
                XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(document));
                while (reader.hasNext()) {
                    reader.next();
                }
            }, () -> sampled(recording, dir, from) >= 40);
            to = Instant.now();
            recording.stop();
            recording.dump(file);
        }
        CpuProfile during = CpuProfile.read(file, from, to, Duration.ofMillis(10).toNanos());
        assertTrue(during.samples(Kind.XML) >= 20, during::summary);
        assertTrue(during.samples(Kind.XML) > during.samples() / 2, during::summary);
        assertEquals(during.samples(Kind.XML) * 10.0, during.millis(Kind.XML), 1e-9);
        assertTrue(during.summary().matches("\\d+ ms CPU: XML \\d+.*"), during::summary);

        CpuProfile later = CpuProfile.read(file, to.plusSeconds(3600), to.plusSeconds(7200),
                Duration.ofMillis(10).toNanos());
        assertEquals(0, later.samples(), later::summary);
        assertEquals("0 ms CPU", later.summary());
    }

    @Test
    void aMissingRecordingIsAnIoProblemNotAnIdlePeer(@TempDir Path dir) {
        assertThrows(NoSuchFileException.class,
                () -> CpuProfile.read(dir.resolve("none.jfr"), Instant.EPOCH, Instant.now(), 1_000_000));
    }

    /** A peer killed while writing its recording leaves a broken file: the reader says so. */
    @Test
    void aBrokenRecordingIsAnIoProblem(@TempDir Path dir) throws Exception {
        Path broken = Files.write(dir.resolve("broken.jfr"), "FLR\0 not a recording".getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> CpuProfile.read(broken, Instant.EPOCH, Instant.now(), 1_000_000));
    }

    private interface Work {
        void run() throws Exception;
    }

    private interface Enough {
        boolean yet() throws Exception;
    }

    /** Runs the work over and over on a thread of that name until enough has been sampled (at most 2 min). */
    private static void busy(String name, Work work, Enough enough) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                while (!stop.get()) {
                    work.run();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        worker.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try {
            while (!enough.yet()) {
                assertTrue(System.nanoTime() < deadline, "the sampler never caught enough of " + name);
                // looks again a little later, leaving the CPU to the work the recording should show
                worker.join(200);
            }
        } finally {
            stop.set(true);
            worker.join();
        }
    }

    /** Samples recorded so far since from, read from a snapshot of the running recording. */
    private static int sampled(Recording recording, Path dir, Instant from) throws Exception {
        Path snapshot = Files.createTempFile(dir, "snapshot", ".jfr");
        recording.dump(snapshot);
        int samples = CpuProfile.read(snapshot, from, Instant.now(), 1).samples();
        Files.delete(snapshot);
        return samples;
    }
}
