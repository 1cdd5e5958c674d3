package io.sift.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends files from one account, and lists its transfers. One service is registered per logged-in
 * account, with the service property {@link XmppAccount#JID}; pick one with a filter such as
 * {@code (sift.jid=alice@example.org)}.
 */
@ProviderType
public interface FileTransferService {

    /** Bare JID of the account this service sends from. */
    String account();

    /**
     * Offers a file to a peer and, once accepted, sends it. Returns at once; follow the transfer
     * through the handle, a {@link TransferListener} or EventAdmin.
     *
     * @param peer a full JID, or a bare JID: then the peer's available resource with the highest
     *        presence priority that supports file transfer is chosen
     * @throws IllegalArgumentException if the JID is malformed or the file is not a readable regular file
     */
    Transfer send(String peer, Path file, SendOptions options);

    /**
     * Offers content of known name and size to a peer and, once accepted, sends it; as
     * {@link #send(String, Path, SendOptions)} does for a file. Returns at once. The source is read
     * on SIFT's transfer threads, as often as {@link FileSource} says; the name the receiver sees is
     * {@link SendOptions#fileName()} if set, else the source's.
     *
     * <p>{@code send(peer, FileSource.of(file), options)} sends {@code file} exactly as
     * {@code send(peer, file, options)} does, just as fast.
     *
     * @param peer a full JID, or a bare JID: then the peer's available resource with the highest
     *        presence priority that supports file transfer is chosen
     * @throws IllegalArgumentException if the JID is malformed, the source has a blank name or a
     *         negative size, or its {@link FileSource#file()} is not a readable regular file
     * @throws UnsupportedOperationException in implementations written against an earlier version of
     *         this interface (SIFT's own services support it)
     * @since 1.2
     */
    default Transfer send(String peer, FileSource source, SendOptions options) {
        throw new UnsupportedOperationException("this service sends files only");
    }

    /** Current transfers and recently ended ones of this account, oldest first. */
    List<Transfer> transfers();

    Optional<Transfer> transfer(String id);
}
