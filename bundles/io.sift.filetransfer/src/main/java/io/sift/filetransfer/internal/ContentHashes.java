package io.sift.filetransfer.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * The hashes of a file's whole content, lower-case hex.
 *
 * @param md5 present when it was asked for (an offer to a peer that only knows XEP-0096's MD5)
 */
record ContentHashes(String sha256, Optional<String> md5) {

    ContentHashes {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(md5, "md5");
    }
}
