package io.sift.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One online resource of a contact, as its latest presence and its features describe it.
 *
 * @param jid the full JID ({@code user@domain/resource})
 * @param availability the {@code <show/>} of its presence
 * @param status the status text of its presence, if any
 * @param priority the priority of its presence
 * @param fileTransfer whether it can receive files
 * @param software the entity capabilities node (XEP-0115) of its presence, which names its software,
 *        if it announced one
 * @since 1.2
 */
public record ContactResource(String jid, Availability availability, Optional<String> status, int priority,
        FileTransferSupport fileTransfer, Optional<String> software) {

    public ContactResource {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fileTransfer, "fileTransfer");
        Objects.requireNonNull(software, "software");
    }

    // written out: a record's generated equals and hashCode link through invokedynamic on their
    // first call, several milliseconds each in a fresh process, which its first transfer would pay
    @Override
    public boolean equals(Object other) {
        return other instanceof ContactResource o && jid.equals(o.jid) && availability.equals(o.availability)
                && status.equals(o.status) && priority == o.priority && fileTransfer.equals(o.fileTransfer)
                && software.equals(o.software);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, availability, status, priority, fileTransfer, software);
    }

    public boolean canReceiveFiles() {
        return fileTransfer == FileTransferSupport.SUPPORTED;
    }
}
