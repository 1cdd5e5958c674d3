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

    /** Current transfers and recently ended ones of this account, oldest first. */
    List<Transfer> transfers();

    Optional<Transfer> transfer(String id);
}
