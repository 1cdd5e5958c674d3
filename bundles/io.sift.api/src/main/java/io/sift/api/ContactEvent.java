package io.sift.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to one contact of one account.
 *
 * @param type what happened
 * @param account bare JID of the local account
 * @param contact the contact as it is after the change (as it was, for {@link Type#REMOVED})
 * @param time when the change was seen
 * @since 1.2
 */
public record ContactEvent(Type type, String account, Contact contact, Instant time) {

    public enum Type {
        /** A roster entry became known (the roster was loaded, or an entry was added). */
        ADDED,
        /** Its name, a presence, or what a resource can do changed. */
        CHANGED,
        /** It left the roster. (When the account goes offline its ContactView service goes; no event is sent.) */
        REMOVED
    }

    public ContactEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(time, "time");
    }
}
