package io.sift.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.sift.api.AccountStatus;
import io.sift.api.Contact;
import io.sift.api.Direction;
import io.sift.api.ContactResource;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.shell.text.Printable;
import io.sift.shell.text.Sizes;

/**
 * What TAB offers for each kind of argument, in the order it should be shown, independent of the
 * shell that shows it.
 *
 * <p>Contacts come in three groups, named so that a shell that sorts groups by name (JLine does) shows
 * them in this order too: those that can receive files, those online that cannot, those offline.
 */
public final class Completions {

    /** One candidate: the text to insert, the group it is listed under (or null), a description. */
    public record Item(String value, String group, String description) {
    }

    public static final String CAN_RECEIVE = "can receive files";
    public static final String CANNOT_RECEIVE = "cannot receive files";
    public static final String OFFLINE = "offline";

    private Completions() {
    }

    /** Bare JIDs of contacts, best first (see {@link Contact#BEST_FIRST}), grouped by what they can do now. */
    public static List<Item> contacts(List<Contact> contacts) {
        List<Contact> ordered = new ArrayList<>(contacts);
        ordered.sort(Contact.BEST_FIRST);
        List<Item> items = new ArrayList<>();
        for (Contact c : ordered) {
            String group = c.canReceiveFiles() ? CAN_RECEIVE : c.online() ? CANNOT_RECEIVE : OFFLINE;
            items.add(new Item(c.jid(), group, describe(c)));
        }
        return items;
    }

    /** {@code Bob, away "lunch"}: the roster name and the best resource's presence. */
    static String describe(Contact c) {
        List<String> parts = new ArrayList<>();
        c.name().filter(n -> !n.equalsIgnoreCase(local(c.jid()))).ifPresent(parts::add);
        if (!c.resources().isEmpty()) {
            ContactResource best = c.resources().stream().filter(ContactResource::canReceiveFiles).findFirst()
                    .orElse(c.resources().get(0));
            parts.add(ContactRows.show(best.availability()) + best.status().map(s -> " \"" + s + "\"").orElse(""));
        }
        return parts.isEmpty() ? null : Printable.of(String.join(", ", parts));
    }

    private static String local(String jid) {
        int at = jid.indexOf('@');
        return at > 0 ? jid.substring(0, at) : jid;
    }

    /** Configured account JIDs (each once), those that can send first, with their state. */
    public static List<Item> accounts(List<AccountStatus> accounts, Predicate<String> sending) {
        Map<String, Item> byJid = new LinkedHashMap<>();
        List<AccountStatus> ordered = new ArrayList<>(accounts);
        ordered.sort((a, b) -> Boolean.compare(!sending.test(a.jid()), !sending.test(b.jid())));
        for (AccountStatus account : ordered) {
            if (account.jid().isEmpty()) {
                continue;
            }
            byJid.putIfAbsent(account.jid().toLowerCase(Locale.ROOT), new Item(account.jid(), null,
                    AccountRows.state(account.current(), sending.test(account.jid()))));
        }
        return List.copyOf(byJid.values());
    }

    /** Ids of the offers that wait for an answer, oldest first. */
    public static List<Item> waitingOffers(List<PendingOffers.Pending> pending) {
        return pending.stream().map(p -> new Item(p.offer().transferId(), null,
                Printable.of(p.offer().fileName()) + " (" + Sizes.bytes(p.offer().size()) + ") from "
                        + Printable.of(p.offer().peer()))).toList();
    }

    /** Ids of the transfers that can still be cancelled, oldest first. */
    public static List<Item> runningTransfers(List<Transfer> transfers) {
        return transfers.stream().filter(t -> !t.state().isFinal())
                .map(t -> new Item(t.id(), null, (t.direction() == Direction.OUTGOING ? "to " : "from ")
                        + Printable.of(t.peer()) + ": " + Printable.of(t.fileName()) + ", "
                        + t.state().name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** The stream methods' short names, as {@code --method} takes them. */
    public static List<Item> methods() {
        return List.of(
                new Item(StreamMethods.shortName(StreamMethods.SOCKS5), null,
                        "SOCKS5 Bytestreams (XEP-0065): direct, or through a proxy"),
                new Item(StreamMethods.shortName(StreamMethods.IBB), null,
                        "In-Band Bytestreams (XEP-0047): through the XMPP server"));
    }
}
