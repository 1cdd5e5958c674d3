package io.sift.connection.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.log.Logger;

import io.sift.api.ContactEvent;
import io.sift.api.ContactListener;
import io.sift.api.XmppAccount;

/**
 * The {@link ContactListener} whiteboard as one account's component sees it. A listener registered
 * with the service property {@code sift.jid} hears only that account.
 */
final class ContactListeners {

    private final Map<ServiceReference<ContactListener>, ContactListener> listeners = new ConcurrentHashMap<>();

    void add(ServiceReference<ContactListener> ref, ContactListener listener) {
        listeners.put(ref, listener);
    }

    void remove(ServiceReference<ContactListener> ref) {
        listeners.remove(ref);
    }

    /** Calls every listener that wants this account's events; one that throws is logged and skipped. */
    void deliver(ContactEvent event, Logger log) {
        listeners.forEach((ref, listener) -> {
            Object only = ref.getProperty(XmppAccount.JID);
            if (only != null && !only.toString().equalsIgnoreCase(event.account())) {
                return;
            }
            try {
                listener.contactChanged(event);
            } catch (RuntimeException e) {
                log.warn("Contact listener {} failed on {} of {}: {}", listener.getClass().getName(), event.type(),
                        event.contact().jid(), e.toString());
            }
        });
    }
}
