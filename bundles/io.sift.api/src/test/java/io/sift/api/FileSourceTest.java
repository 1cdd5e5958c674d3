package io.sift.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    @TempDir
    Path dir;

    private final byte[] data = random(200_000);

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(5).nextBytes(bytes);
        return bytes;
    }

    private static byte[] readAll(ReadableByteChannel channel) throws IOException {
        try (channel) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(7000);
            while (channel.read(buffer) >= 0) {
                all.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return all.toByteArray();
        }
    }

    private byte[] from(int position) {
        return Arrays.copyOfRange(data, position, data.length);
    }

    @Test
    void aStreamSourceOpensANewStreamForEveryPassAndSkipsToThePosition() throws IOException {
        List<Integer> opened = new CopyOnWriteArrayList<>();
        FileSource source = FileSource.fromStream("a.bin", data.length, () -> {
            opened.add(1);
            return new ByteArrayInputStream(data);
        });
        assertEquals("a.bin", source.name());
        assertEquals(data.length, source.size());
        assertEquals(Optional.empty(), source.file());
        assertEquals(Optional.empty(), source.lastModified());
        assertArrayEquals(data, readAll(source.open(0)));
        assertArrayEquals(from(123_457), readAll(source.open(123_457)));
        assertArrayEquals(new byte[0], readAll(source.open(data.length)));
        assertEquals(3, opened.size());
        assertThrows(EOFException.class, () -> source.open(data.length + 1L));
    }

    @Test
    void aChannelSourceSeeksWhenItCanAndSkipsOtherwise() throws IOException {
        Path file = Files.write(dir.resolve("c.bin"), data);
        List<Long> seeks = new CopyOnWriteArrayList<>();
        FileSource seekable = FileSource.fromChannel("c.bin", data.length, () -> {
            SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
            return new SeekRecorder(channel, seeks);
        });
        assertArrayEquals(from(99_999), readAll(seekable.open(99_999)));
        assertEquals(List.of(99_999L), seeks, "positioned, not read up to there");

        FileSource plain = FileSource.fromChannel("p.bin", data.length,
                () -> Channels.newChannel(new ByteArrayInputStream(data)));
        assertArrayEquals(from(150_001), readAll(plain.open(150_001)));
        assertArrayEquals(data, readAll(plain.open(0)));
        assertThrows(EOFException.class, () -> plain.open(data.length + 5L));
    }

    @Test
    void aPathSourceIsTheFileAsItWasWhenItWasMade() throws IOException {
        Path file = Files.write(dir.resolve("report.pdf"), data);
        Instant modified = Instant.parse("2023-01-02T03:04:05Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));

        FileSource source = FileSource.of(file);

        assertEquals("report.pdf", source.name());
        assertEquals(data.length, source.size());
        assertEquals(Optional.of(modified), source.lastModified());
        assertEquals(Optional.of(file.toAbsolutePath()), source.file());
        assertArrayEquals(from(4096), readAll(source.open(4096)));
        assertThrows(IllegalArgumentException.class, () -> FileSource.of(dir));
        assertThrows(IllegalArgumentException.class, () -> FileSource.of(dir.resolve("missing.pdf")));
    }

    @Test
    void aModificationTimeAndAMimeTypeKeepEverythingElse() throws IOException {
        Path file = Files.write(dir.resolve("slides.odp"), data);
        Instant time = Instant.parse("2020-02-29T12:00:00Z");

        FileSource source = FileSource.of(file).withMimeType("application/vnd.oasis.opendocument.presentation")
                .withLastModified(time);

        assertEquals("slides.odp", source.name());
        assertEquals(data.length, source.size());
        assertEquals(Optional.of(time), source.lastModified());
        assertEquals(Optional.of("application/vnd.oasis.opendocument.presentation"), source.mimeType());
        assertEquals(Optional.of(file.toAbsolutePath()), source.file());
        assertArrayEquals(data, readAll(source.open(0)));
        assertThrows(IllegalArgumentException.class, () -> source.withMimeType(" "));
    }

    @Test
    void aSourceNeedsANameASizeAndAnOpener() {
        FileSource.Opener<ByteArrayInputStream> opener = () -> new ByteArrayInputStream(data);
        assertThrows(IllegalArgumentException.class, () -> FileSource.fromStream(" ", 1, opener));
        assertThrows(IllegalArgumentException.class, () -> FileSource.fromStream("a", -1, opener));
        assertThrows(NullPointerException.class, () -> FileSource.fromStream(null, 1, opener));
        assertThrows(NullPointerException.class, () -> FileSource.fromStream("a", 1, null));
        assertThrows(NullPointerException.class, () -> FileSource.fromChannel("a", 1, null));
    }

    @Test
    void anOpenerThatFailsFailsTheOpen() {
        FileSource source = FileSource.fromStream("gone.bin", 10, () -> {
            throw new IOException("the blob was deleted");
        });
        IOException e = assertThrows(IOException.class, () -> source.open(0));
        assertEquals("the blob was deleted", e.getMessage());
    }

    /** Passes a seekable channel through, writing down where it was positioned. */
    private static final class SeekRecorder implements SeekableByteChannel {
        private final SeekableByteChannel channel;
        private final List<Long> seeks;

        SeekRecorder(SeekableByteChannel channel, List<Long> seeks) {
            this.channel = channel;
            this.seeks = seeks;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            seeks.add(newPosition);
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
