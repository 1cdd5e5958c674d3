package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.sift.api.Direction;
import io.sift.api.FileSource;
import io.sift.api.FileTransferService;
import io.sift.api.ListenerRegistration;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;
import io.sift.api.TransferState;

/**
 * alice sends bob content that is on no disk (bytes made as they are read, through
 * {@link FileSource#fromStream}) over each stream method, and follows each transfer with a listener of
 * its own; bob's copy is checked by SHA-256.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SourceTransferIT {

    private static final Duration DONE = Duration.ofSeconds(180);
    private static final String ALICE = "alice@localhost";
    private static final String BOB = "bob@localhost";
    private static final String BOB_FULL = "bob@localhost/itest";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    private Path downloads;
    private FileTransferService alice;
    private final EventLog events = new EventLog();

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() throws Exception {
        downloads = LocalProsody.projectDir()
                .resolve("itests/target/itest-files/source-" + SiftRuntime.framework() + "/downloads");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(downloads));
        // the direct streamhost on loopback only, on a free port
        Map<String, Object> socks5 = new HashMap<>();
        socks5.put("directEnabled", true);
        socks5.put("bindAddress", "127.0.0.1");
        socks5.put("advertisedAddresses", new String[] {"127.0.0.1"});
        socks5.put("discoverProxies", true);
        Socks5IT.configureSocks5(context, configAdmin, scr, socks5);
        alice = TransferSetup.aliceAndBob(context, configAdmin);
        events.listenIn(context);
    }

    @After
    public void tearDown() {
        events.close();
    }

    /** Pseudo-random bytes made as they are read: the same for the same seed, kept nowhere. */
    private static final class Generated extends InputStream {
        private final SplittableRandom random;
        private long left;
        private long word;
        private int wordLeft;

        Generated(long seed, long size) {
            this.random = new SplittableRandom(seed);
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                if (wordLeft == 0) {
                    word = random.nextLong();
                    wordLeft = 8;
                }
                b[off + i] = (byte) word;
                word >>>= 8;
                wordLeft--;
            }
            left -= n;
            return n;
        }
    }

    /** Generated content as a source; remembers the positions it was opened at. */
    private static final class GeneratedSource {
        final List<Long> opened = new CopyOnWriteArrayList<>();
        final FileSource source;
        final String sha256;

        GeneratedSource(String name, long size, long seed) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (InputStream in = new Generated(seed, size)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            this.sha256 = HexFormat.of().formatHex(digest.digest());
            FileSource fromStream = FileSource.fromStream(name, size, () -> new Generated(seed, size));
            // the position each pass starts from, as the transfer asks for it
            this.source = new FileSource() {
                @Override
                public String name() {
                    return fromStream.name();
                }

                @Override
                public long size() {
                    return fromStream.size();
                }

                @Override
                public java.nio.channels.ReadableByteChannel open(long position) throws IOException {
                    opened.add(position);
                    return fromStream.open(position);
                }
            };
        }
    }

    /** One transfer's events as its own listener hears them, and the threads it hears them on. */
    private static final class Heard implements TransferListener {
        final List<TransferEvent> events = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void transferEvent(TransferEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        List<TransferEvent.Type> types() {
            return events.stream().map(TransferEvent::type).toList();
        }

        void awaitEnd() throws InterruptedException {
            Await.until(DONE, "the transfer's own listener hears its end",
                    () -> events.stream().anyMatch(e -> EventLog.isEnd(e.type())));
        }
    }

    private void sendsIntact(String name, long size, String method) throws Exception {
        GeneratedSource content = new GeneratedSource(name, size, name.hashCode());
        Heard heard = new Heard();
        long start = System.nanoTime();

        Transfer transfer = alice.send(BOB_FULL, content.source,
                SendOptions.defaults().withMethods(List.of(method)).withFallback(false));
        ListenerRegistration registration = transfer.addListener(heard);
        Transfer done = transfer.completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        assertTrue("bob confirmed the SHA-256", done.verified());
        assertEquals(method, done.streamMethod().orElseThrow());
        assertEquals(content.sha256, done.sha256().orElseThrow());
        assertFalse("no file behind the source", done.file().isPresent());
        assertEquals(List.of(0L), content.opened);

        TransferEvent received = events.awaitEnd(DONE, BOB, Direction.INCOMING, name);
        assertEquals(received.failure().toString(), TransferEvent.Type.COMPLETED, received.type());
        Path stored = downloads.resolve(name);
        assertEquals(content.sha256, TestFiles.sha256(stored));
        assertEquals(size, Files.size(stored));

        heard.awaitEnd();
        List<TransferEvent.Type> types = heard.types();
        assertEquals(types.toString(), TransferEvent.Type.OFFERED, types.get(0));
        assertEquals(types.toString(), TransferEvent.Type.STARTED, types.get(1));
        assertEquals(types.toString(), TransferEvent.Type.COMPLETED, types.get(types.size() - 1));
        assertTrue(types.toString(), types.subList(2, types.size() - 1).stream()
                .allMatch(t -> t == TransferEvent.Type.PROGRESS));
        assertTrue(heard.events.stream().allMatch(e -> e.transferId().equals(transfer.id())));
        List<TransferEvent> sent = events.of(ALICE, Direction.OUTGOING, name);
        assertEquals("the whiteboard's events, in their order", sent.stream().filter(heard.events::contains).toList(),
                heard.events);
        for (int i = 1; i < heard.events.size(); i++) {
            assertTrue("progress never goes back",
                    heard.events.get(i).bytesTransferred() >= heard.events.get(i - 1).bytesTransferred());
        }
        TransferEvent end = heard.events.get(heard.events.size() - 1);
        assertEquals(content.sha256, end.sha256().orElseThrow());
        assertTrue(end.verified());
        assertEquals(size, end.bytesTransferred());
        assertEquals(Set.of("sift-transfer-events"), heard.threads);
        registration.close();
        System.out.printf("[%s] %s from a stream, %d bytes in %.2f s (%.1f MiB/s); its listener heard %s%n",
                SiftRuntime.framework(), StreamMethods.shortName(method), size, seconds, size / seconds / (1 << 20),
                types.stream().filter(t -> t != TransferEvent.Type.PROGRESS).toList());
        Files.delete(stored);
    }

    @Test
    public void aStreamSourceArrivesIntactInBand() throws Exception {
        sendsIntact("generated-ibb.bin", (3L << 20) + 5, StreamMethods.IBB);
    }

    @Test
    public void aStreamSourceArrivesIntactOverSocks5() throws Exception {
        sendsIntact("generated-socks5.bin", (48L << 20) + 3, StreamMethods.SOCKS5);
    }

    @Test
    public void aStreamSourceSentAgainAfterACancelContinuesWhereBobStands() throws Exception {
        String name = "generated-resumed.bin";
        long size = 32L << 20;
        GeneratedSource content = new GeneratedSource(name, size, 99);
        SendOptions inBand = SendOptions.defaults().withMethods(List.of(StreamMethods.IBB));
        Transfer first = alice.send(BOB_FULL, content.source, inBand);
        Await.until(DONE, "some bytes moved", () -> first.bytesTransferred() > 256 * 1024);
        assertTrue(first.cancel());
        events.awaitEnd(DONE, BOB, Direction.INCOMING, name);
        // bob cannot tell a cancel from a crash of the sender: the partial file stays for a resend
        Await.until(Duration.ofSeconds(10), "only the partial file and what it belongs to are left",
                () -> filesNamed(name).equals(List.of(name + ".part"))
                        && Files.exists(downloads.resolve("." + name + ".part.sift")));
        content.opened.clear();

        Heard heard = new Heard();
        Transfer again = alice.send(BOB_FULL, content.source, inBand);
        again.addListener(heard);
        Transfer done = again.completion().toCompletableFuture().get(DONE.toSeconds(), TimeUnit.SECONDS);

        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        assertTrue(done.verified());
        long kept = done.resumedFrom();
        assertTrue("bob continued the partial file", kept > 0);
        assertEquals(size - kept, done.bytesTransferred());
        assertEquals("the kept bytes read for the hash, then the rest from where bob stands", List.of(0L, kept),
                content.opened);
        assertEquals(content.sha256, done.sha256().orElseThrow());
        Await.until(DONE, "bob stored the file", () -> filesNamed(name).equals(List.of(name)));
        assertEquals(content.sha256, TestFiles.sha256(downloads.resolve(name)));
        heard.awaitEnd();
        assertEquals(TransferEvent.Type.OFFERED, heard.types().get(0));
        assertEquals(TransferEvent.Type.COMPLETED, heard.types().get(heard.types().size() - 1));
        System.out.printf("[%s] a stream source resumed after %d of %d bytes%n", SiftRuntime.framework(), kept, size);
        Files.delete(downloads.resolve(name));
    }

    private List<String> filesNamed(String name) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(name)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
