package io.sift.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears about changes to the contacts of every online account (whiteboard: register it as a
 * service). A listener with the service property {@link XmppAccount#JID} hears only that account.
 *
 * <p>Events of one account are delivered one at a time, in the order they were seen, on a thread of
 * SIFT's; a listener should return quickly.
 *
 * @since 1.2
 */
@ConsumerType
public interface ContactListener {

    void contactChanged(ContactEvent event);
}
