package io.sift.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import io.sift.api.internal.ChannelSource;
import io.sift.api.internal.DescribedSource;
import io.sift.api.internal.PathSource;
import io.sift.api.internal.StreamSource;

/**
 * The content of a file to send, of known name and size, which need not be a file on disk: bytes
 * made on the fly, a blob from a database, a resource of a workspace, an entry of an archive. Send
 * it with {@link FileTransferService#send(String, FileSource, SendOptions)}.
 *
 * <pre>{@code
 * FileSource source = FileSource.fromStream("minutes.txt", bytes.length, () -> new ByteArrayInputStream(bytes));
 * Transfer t = files.send("bob@example.org", source, SendOptions.defaults());
 * }</pre>
 *
 * <h2>When SIFT reads it</h2>
 * SIFT opens the source once for each pass it makes over the content, and every pass must see the
 * same bytes:
 * <ul>
 * <li>for a receiver that is not SIFT, once before the offer, to put the MD5 into it (XEP-0096;
 * files above the configured {@code hashLimitBytes} are offered without); and a source of size 0
 * once before the offer, to make sure it is empty;</li>
 * <li>once for every bytestream, from the position the receiver asks for: 0, or where a receiver
 * that kept the first part of an earlier attempt wants to continue (XEP-0096 {@code <range/>});
 * after a bytestream failed, again for the next one (a fallback or a retry);</li>
 * <li>when a bytestream does not start at 0, also from 0 up to that position, since the SHA-256
 * that SIFT sends after the data is that of the whole content.</li>
 * </ul>
 * {@link #open} and the reads of its channel run on SIFT's transfer threads, for one transfer one
 * after the other; a source sent to several peers at once is opened by each of their transfers. A
 * cancelled transfer interrupts the thread that reads: a channel made by
 * {@link java.nio.channels.Channels#newChannel(InputStream)} is closed by that, and each channel is
 * closed once its pass is over.
 *
 * <h2>Exactly {@link #size()} bytes</h2>
 * The content must end exactly at its declared size. SIFT checks that the channel ends there before
 * the last bytes leave; a source that ends early (fewer bytes) or goes on past its size (more) ends
 * the transfer {@link TransferState#FAILED} with {@link FailureReason#SIZE_MISMATCH}, the message
 * saying how many bytes it yielded, and the bytestream is aborted rather than closed, so the receiver
 * never takes the file for complete. Such a transfer is never {@link TransferState#COMPLETED} nor
 * {@link TransferState#SENT}. When the content is read before the offer (its MD5, or a source of
 * size 0), the check happens then, and nothing is offered.
 *
 * <h2>When open or a read fails</h2>
 * An {@link IOException} or a {@link RuntimeException} thrown by {@link #open} or by a read of its
 * channel ends the transfer {@link TransferState#FAILED} with {@link FailureReason#LOCAL_IO} and
 * that exception's message; the bytestream, if one was open, is aborted. An {@link EOFException}
 * from {@link #open} means the content ends before the position asked for, and counts as a source
 * with fewer bytes ({@link FailureReason#SIZE_MISMATCH}).
 *
 * @since 1.2
 */
@ConsumerType
public interface FileSource {

    /**
     * The file name the receiver sees (unless {@link SendOptions#withFileName} gives another): a
     * name, not a path.
     */
    String name();

    /** How many bytes the content has; announced in the offer, and checked while it is read. */
    long size();

    /** When the content was last changed, announced in the offer if present. Empty by default. */
    default Optional<Instant> lastModified() {
        return Optional.empty();
    }

    /**
     * The MIME type announced in the offer (the {@code mime-type} of XEP-0095); empty (the default):
     * {@code application/octet-stream}.
     */
    default Optional<String> mimeType() {
        return Optional.empty();
    }

    /**
     * A new channel that yields the content from {@code position} (0 &lt;= position &lt;= size) to its
     * end. The channel must be blocking: a read returns at least one byte, or -1 at the end. SIFT closes
     * it when it is done with it.
     *
     * @throws EOFException if the content ends before {@code position}
     * @throws IOException if the content cannot be read
     */
    ReadableByteChannel open(long position) throws IOException;

    /**
     * The local file this source is, when it is one: SIFT then reads the file itself, as
     * {@link FileTransferService#send(String, Path, SendOptions)} does (the kernel copies it straight
     * to a SOCKS5 socket, its hashes are kept for re-sends of the unchanged file) and does not call
     * {@link #open}. The file must have {@link #size()} bytes then too. Empty (the default) for any
     * other source.
     */
    default Optional<Path> file() {
        return Optional.empty();
    }

    /** This source with {@link #lastModified()} set to {@code time}. */
    default FileSource withLastModified(Instant time) {
        return DescribedSource.withLastModified(this, time);
    }

    /** This source with {@link #mimeType()} set to {@code type} (such as {@code application/pdf}). */
    default FileSource withMimeType(String type) {
        return DescribedSource.withMimeType(this, type);
    }

    /**
     * A local file: its name, its size and modification time as they are now, and {@link #file()}
     * set, so it is sent as fast as {@link FileTransferService#send(String, Path, SendOptions)} sends it.
     *
     * @throws IllegalArgumentException if it is not a readable regular file, or its size cannot be read
     */
    static FileSource of(Path file) {
        return PathSource.of(file);
    }

    /**
     * Content read from an input stream: {@code opener} is called for every pass over the content
     * and must return a new stream at its start each time. To read from a position, the stream's
     * first bytes are skipped ({@link InputStream#skipNBytes}).
     *
     * @param name the file name the receiver sees
     * @param size the number of bytes every stream yields
     * @throws IllegalArgumentException if the name is blank or the size negative
     */
    static FileSource fromStream(String name, long size, Opener<? extends InputStream> opener) {
        return new StreamSource(name, size, opener);
    }

    /**
     * Content read from a channel: {@code opener} is called for every pass over the content and must
     * return a new channel at its start each time. To read from a position, a
     * {@link java.nio.channels.SeekableByteChannel} is positioned there; the first bytes of any other
     * channel are read and dropped.
     *
     * @param name the file name the receiver sees
     * @param size the number of bytes every channel yields
     * @throws IllegalArgumentException if the name is blank or the size negative
     */
    static FileSource fromChannel(String name, long size, Opener<? extends ReadableByteChannel> opener) {
        return new ChannelSource(name, size, opener);
    }

    /**
     * Opens something to read the content from, anew on each call.
     *
     * @param <T> what it opens: an input stream or a channel
     */
    @ConsumerType
    @FunctionalInterface
    interface Opener<T> {

        /**
         * A new stream or channel at the start of the content.
         *
         * @throws IOException if it cannot be opened
         */
        T open() throws IOException;
    }
}
