package io.sift.api;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** A file a peer offers to send, as an {@link OfferHandler} sees it. */
@ProviderType
public interface IncomingOffer {

    /** The id the transfer will have (see {@link Transfer#id()}). */
    String transferId();

    /** Bare JID of the local account the offer came to. */
    String account();

    /** Full JID of the sender. */
    String peer();

    /** The file name made safe for the local file system (no directories, no control characters). */
    String fileName();

    /** The name exactly as the sender wrote it. */
    String offeredName();

    long size();

    Optional<String> description();

    /** The file's modification date, if the sender gave one. */
    Optional<Instant> date();

    /** The MD5 hash (hex) announced by the sender, if any; the received file is checked against it. */
    Optional<String> md5();

    /** Whether the sender is in the account's roster. */
    boolean fromRosterContact();
}
