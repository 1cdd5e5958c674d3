package io.sift.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.sift.api.Availability;
import io.sift.api.Contact;
import io.sift.api.ContactResource;
import io.sift.api.FileTransferSupport;

/** The table of {@code sift:contacts}, in the order it is given (best first). */
public final class ContactRows {

    private ContactRows() {
    }

    public static TableView table(List<Contact> contacts) {
        TableView.Builder table = TableView.of("CONTACT", "NAME", "STATE", "RESOURCES").wrapLast();
        for (Contact c : contacts) {
            table.row(c.jid(), c.name().orElse(""), state(c),
                    c.resources().stream().map(ContactRows::resource).collect(Collectors.joining("; ")));
        }
        return table.build();
    }

    /** {@code can receive files}, {@code online}, {@code offline}: the groups of contact completion too. */
    public static String state(Contact c) {
        return c.canReceiveFiles() ? "can receive files" : c.online() ? "online" : "offline";
    }

    /** {@code home: away "lunch", files} (the resource, its show, its status, what it can do). */
    static String resource(ContactResource r) {
        int slash = r.jid().indexOf('/');
        String name = slash >= 0 ? r.jid().substring(slash + 1) : r.jid();
        StringBuilder sb = new StringBuilder(name).append(": ").append(show(r.availability()));
        r.status().ifPresent(s -> sb.append(" \"").append(s).append('"'));
        sb.append(", ").append(files(r.fileTransfer()));
        return sb.toString();
    }

    static String show(Availability availability) {
        return switch (availability) {
            case EXTENDED_AWAY -> "away for long";
            case DO_NOT_DISTURB -> "busy";
            case CHAT -> "free to chat";
            default -> availability.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String files(FileTransferSupport support) {
        return switch (support) {
            case SUPPORTED -> "files";
            case UNSUPPORTED -> "no file transfer";
            case UNKNOWN -> "file transfer not known yet";
        };
    }
}
