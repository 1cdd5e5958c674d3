package io.sift.shell.internal;

import java.util.List;
import java.util.Optional;

import io.sift.api.Availability;
import io.sift.api.Contact;
import io.sift.api.ContactResource;
import io.sift.api.FileTransferSupport;

/** Contacts for tests. */
public final class Contacts {

    private Contacts() {
    }

    public static Contact online(String jid, boolean files) {
        return new Contact(jid, Optional.empty(), List.of(new ContactResource(jid + "/home", Availability.AVAILABLE,
                Optional.empty(), 0, files ? FileTransferSupport.SUPPORTED : FileTransferSupport.UNSUPPORTED,
                Optional.empty())));
    }

    public static Contact offline(String jid) {
        return new Contact(jid, Optional.empty(), List.of());
    }
}
