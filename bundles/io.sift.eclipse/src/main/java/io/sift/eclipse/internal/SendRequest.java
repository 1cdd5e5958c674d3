package io.sift.eclipse.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the person asked for in the send dialog.
 *
 * @param account bare JID of the account that sends
 * @param peer the colleague's JID, as picked or typed
 * @param description the text shown with the offer, if any
 * @param files the files, sent at once
 */
public record SendRequest(String account, String peer, Optional<String> description, List<Path> files) {

    public SendRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(description, "description");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file to send");
        }
    }
}
