package io.sift.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry of an account's roster with its online resources, at one moment.
 *
 * @param jid the contact's bare JID
 * @param name the name the roster gives it, if any
 * @param resources its online resources, the one with the highest priority first; empty while the
 *        contact is offline (or does not share its presence)
 * @since 1.2
 */
public record Contact(String jid, Optional<String> name, List<ContactResource> resources) {

    /**
     * The order of every listing: contacts that can receive files first, then the other online
     * ones, then those offline; by JID within each.
     */
    public static final Comparator<Contact> BEST_FIRST = Comparator
            .comparingInt(Contact::rank)
            .thenComparing(Contact::jid, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Contact::jid);

    public Contact {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(name, "name");
        resources = List.copyOf(resources);
    }

    // written out: a record's generated equals and hashCode link through invokedynamic on their
    // first call, several milliseconds each in a fresh process, which its first transfer would pay
    @Override
    public boolean equals(Object other) {
        return other instanceof Contact o && jid.equals(o.jid) && name.equals(o.name)
                && resources.equals(o.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, name, resources);
    }

    /** Whether any resource is online. */
    public boolean online() {
        return !resources.isEmpty();
    }

    /** Whether an online resource can receive files (a send to the bare JID goes to one of those). */
    public boolean canReceiveFiles() {
        return resources.stream().anyMatch(ContactResource::canReceiveFiles);
    }

    private int rank() {
        return canReceiveFiles() ? 0 : online() ? 1 : 2;
    }
}
