package io.sift.connection.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.RosterLoadedListener;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverInfoBuilder;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.osgi.service.log.Logger;

import io.sift.api.Availability;
import io.sift.api.Contact;
import io.sift.api.ContactEvent;
import io.sift.api.ContactResource;
import io.sift.api.ContactView;

/**
 * The {@link ContactView} of one logged-in session: reads the roster and its presences from Smack's
 * {@link Roster} of the connection (one per connection, not JVM-wide) and what each resource can do
 * from a {@link FeatureLearner}.
 *
 * <p>Listings are computed when asked, so they are never behind the roster. Changes are found on a
 * thread of the book's own, which compares each changed contact with the last one it reported and
 * tells the {@link ContactListeners} in the order Smack reported the changes; Smack's threads only
 * hand the work over.
 */
final class ContactBook implements ContactView, AutoCloseable {

    private static final Comparator<ContactResource> HIGHEST_PRIORITY_FIRST = Comparator
            .comparingInt(ContactResource::priority).reversed()
            .thenComparing(ContactResource::jid);

    private final Roster roster;
    private final String account;
    private final ContactListeners listeners;
    private final Logger log;
    private final Clock clock;
    private final FeatureLearner learner;
    private final ExecutorService events;
    /** The contacts as last reported to the listeners; only touched on the events thread. */
    private final Map<String, Contact> reported = new HashMap<>();
    private final Listener listener = new Listener();

    ContactBook(XMPPConnection connection, String account, FeatureCache cache, ContactListeners listeners,
            Logger log, Clock clock) {
        this.roster = Roster.getInstanceFor(connection);
        this.account = account;
        this.listeners = listeners;
        this.log = log;
        this.clock = clock;
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sift-contacts " + account);
            t.setDaemon(true);
            return t;
        });
        this.learner = new FeatureLearner((to, node) -> discoInfo(connection, to, node), cache,
                resource -> later(() -> refresh(resource.asBareJid())));
        roster.addRosterListener(listener);
        roster.addRosterLoadedListener(listener);
        later(this::refreshAll);
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public List<Contact> contacts() {
        List<Contact> all = new ArrayList<>();
        for (RosterEntry entry : roster.getEntries()) {
            snapshot(entry.getJid()).ifPresent(all::add);
        }
        all.sort(Contact.BEST_FIRST);
        return all;
    }

    @Override
    public Optional<Contact> contact(String jid) {
        try {
            return snapshot(JidCreate.bareFrom(jid.strip()));
        } catch (XmppStringprepException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private Optional<Contact> snapshot(BareJid jid) {
        RosterEntry entry = roster.getEntry(jid);
        if (entry == null) {
            return Optional.empty();
        }
        List<ContactResource> resources = new ArrayList<>();
        for (Presence presence : roster.getAvailablePresences(jid)) {
            if (presence.isAvailable() && presence.getFrom() != null) {
                resources.add(resource(presence));
            }
        }
        resources.sort(HIGHEST_PRIORITY_FIRST);
        String name = entry.getName();
        return Optional.of(new Contact(entry.getJid().toString(),
                name == null || name.isBlank() ? Optional.empty() : Optional.of(name.strip()), resources));
    }

    private ContactResource resource(Presence presence) {
        CapsExtension caps = CapsExtension.from(presence);
        String status = presence.getStatus();
        return new ContactResource(presence.getFrom().toString(), availability(presence.getMode()),
                status == null || status.isBlank() ? Optional.empty() : Optional.of(status.strip()),
                presence.getPriority(), learner.support(presence.getFrom(), caps),
                caps == null ? Optional.empty() : Optional.ofNullable(caps.getNode()));
    }

    static Availability availability(Presence.Mode mode) {
        if (mode == null) {
            return Availability.AVAILABLE;
        }
        return switch (mode) {
            case chat -> Availability.CHAT;
            case away -> Availability.AWAY;
            case xa -> Availability.EXTENDED_AWAY;
            case dnd -> Availability.DO_NOT_DISTURB;
            default -> Availability.AVAILABLE;
        };
    }

    // --- changes, on the events thread

    private void refreshAll() {
        Set<String> present = new HashSet<>();
        for (RosterEntry entry : roster.getEntries()) {
            present.add(key(entry.getJid()));
            refresh(entry.getJid());
        }
        for (String gone : new ArrayList<>(reported.keySet())) {
            if (!present.contains(gone)) {
                report(ContactEvent.Type.REMOVED, reported.remove(gone));
            }
        }
    }

    private void refresh(BareJid jid) {
        Optional<Contact> now = snapshot(jid);
        String key = key(jid);
        Contact before = reported.get(key);
        if (now.isEmpty()) {
            if (before != null) {
                reported.remove(key);
                report(ContactEvent.Type.REMOVED, before);
            }
            return;
        }
        if (now.get().equals(before)) {
            return;
        }
        reported.put(key, now.get());
        report(before == null ? ContactEvent.Type.ADDED : ContactEvent.Type.CHANGED, now.get());
    }

    private void report(ContactEvent.Type type, Contact contact) {
        listeners.deliver(new ContactEvent(type, account, contact, clock.instant()), log);
    }

    private void later(Runnable work) {
        try {
            events.execute(work);
        } catch (RejectedExecutionException closed) {
            // the session went offline: nobody is told any more
        }
    }

    private static String key(Jid jid) {
        return jid.asBareJid().toString().toLowerCase(Locale.ROOT);
    }

    private static CompletableFuture<DiscoverInfo> discoInfo(XMPPConnection connection, Jid to, String node) {
        DiscoverInfoBuilder request = DiscoverInfo.builder(connection).to(to).ofType(IQ.Type.get);
        if (node != null) {
            request.setNode(node);
        }
        CompletableFuture<DiscoverInfo> answer = new CompletableFuture<>();
        connection.sendIqRequestAsync(request.build())
                .onSuccess(iq -> {
                    if (iq instanceof DiscoverInfo info) {
                        answer.complete(info);
                    } else {
                        answer.completeExceptionally(new IllegalStateException("not a disco#info answer: " + iq));
                    }
                })
                .onError(answer::completeExceptionally);
        return answer;
    }

    @Override
    public void close() {
        roster.removeRosterListener(listener);
        roster.removeRosterLoadedListener(listener);
        learner.close();
        events.shutdownNow();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Smack calls these on its own threads: they only hand the work to the events thread. */
    private final class Listener implements RosterListener, RosterLoadedListener {

        @Override
        public void entriesAdded(java.util.Collection<Jid> addresses) {
            addresses.forEach(jid -> later(() -> refresh(jid.asBareJid())));
        }

        @Override
        public void entriesUpdated(java.util.Collection<Jid> addresses) {
            entriesAdded(addresses);
        }

        @Override
        public void entriesDeleted(java.util.Collection<Jid> addresses) {
            entriesAdded(addresses);
        }

        @Override
        public void presenceChanged(Presence presence) {
            Jid from = presence.getFrom();
            if (from == null) {
                return;
            }
            if (!presence.isAvailable()) {
                learner.forget(from);
            }
            later(() -> refresh(from.asBareJid()));
        }

        @Override
        public void onRosterLoaded(Roster loaded) {
            later(ContactBook.this::refreshAll);
        }

        @Override
        public void onRosterLoadingFailed(Exception e) {
            log.warn("{}: the roster could not be loaded: {}", account, AccountProblems.describe(e));
        }
    }
}
