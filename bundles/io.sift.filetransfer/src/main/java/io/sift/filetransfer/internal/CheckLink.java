package io.sift.filetransfer.internal;

import java.time.Duration;
import java.util.Optional;

/** How a sender asks its receiver for the verdict on a transfer (see {@link FileCheck}). */
@FunctionalInterface
interface CheckLink {

    /**
     * Sends the SHA-256 of what was sent (or, if empty, only asks how the transfer ended) and waits
     * for the receiver's verdict.
     *
     * @param peer the receiver's full JID
     */
    CheckVerdict ask(String peer, String sid, Optional<String> sha256, Duration timeout) throws InterruptedException;
}
