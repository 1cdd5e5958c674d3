package io.sift.eclipse.internal;

import io.sift.api.Availability;
import io.sift.api.Contact;
import io.sift.api.ContactResource;
import io.sift.api.FileTransferSupport;

/** How a contact's presence reads in the picker. */
public final class ContactText {

    private ContactText() {
    }

    /** The roster name and JID, or the JID alone. */
    public static String label(Contact contact) {
        return contact.name().filter(n -> !n.isBlank()).map(n -> n + " <" + contact.jid() + ">").orElse(contact.jid());
    }

    /** E.g. {@code Away — can receive files}, {@code Online — cannot receive files}, {@code Offline}. */
    public static String presence(Contact contact) {
        if (!contact.online()) {
            return "Offline";
        }
        ContactResource best = contact.resources().stream().filter(ContactResource::canReceiveFiles).findFirst()
                .orElse(contact.resources().get(0));
        String files;
        if (contact.canReceiveFiles()) {
            files = "can receive files";
        } else if (contact.resources().stream().anyMatch(r -> r.fileTransfer() == FileTransferSupport.UNKNOWN)) {
            files = "checking whether it can receive files";
        } else {
            files = "cannot receive files";
        }
        String status = best.status().filter(s -> !s.isBlank()).map(s -> " (" + s + ")").orElse("");
        return availability(best.availability()) + status + " \u2014 " + files;
    }

    /** A short word for the presence column's symbol. */
    public static String symbol(Contact contact) {
        if (!contact.online()) {
            return "\u25cb";
        }
        return contact.canReceiveFiles() ? "\u25cf" : "\u25d0";
    }

    static String availability(Availability availability) {
        return switch (availability) {
            case AVAILABLE -> "Available";
            case CHAT -> "Free to chat";
            case AWAY -> "Away";
            case EXTENDED_AWAY -> "Away for longer";
            case DO_NOT_DISTURB -> "Do not disturb";
        };
    }

    /** Whether the contact matches what is typed: part of its JID or name, in any case. */
    public static boolean matches(Contact contact, String typed) {
        String t = typed.strip().toLowerCase(java.util.Locale.ROOT);
        return t.isEmpty() || contact.jid().toLowerCase(java.util.Locale.ROOT).contains(t)
                || contact.name().map(n -> n.toLowerCase(java.util.Locale.ROOT).contains(t)).orElse(false);
    }
}
