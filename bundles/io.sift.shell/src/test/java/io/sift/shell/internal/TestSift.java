package io.sift.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.sift.api.AccountProblem;
import io.sift.api.AccountState;
import io.sift.api.AccountStatus;
import io.sift.api.Contact;
import io.sift.api.ContactView;
import io.sift.api.ConnectionState;

/** A {@link Sift} fed with fakes, for the tests of every package. */
public final class TestSift {

    private static final AtomicLong IDS = new AtomicLong();

    public final Sift sift = new Sift();

    /** An account configuration in a given state. */
    public record Status(String jid, String configurationPid, AccountState current) implements AccountStatus {
    }

    public AccountStatus status(String jid, String pid, ConnectionState state, AccountProblem problem,
            Optional<Instant> nextAttempt) {
        Status status = new Status(jid, pid, new AccountState(state, Optional.ofNullable(problem), Instant.EPOCH,
                state == ConnectionState.ONLINE ? Optional.of(jid + "/sift") : Optional.empty(), nextAttempt));
        sift.bindStatus(new Ref<>(), status);
        return status;
    }

    public ContactView contacts(String account, List<Contact> contacts) {
        ContactView view = new ContactView() {
            @Override
            public String account() {
                return account;
            }

            @Override
            public List<Contact> contacts() {
                List<Contact> all = new ArrayList<>(contacts);
                all.sort(Contact.BEST_FIRST);
                return all;
            }

            @Override
            public Optional<Contact> contact(String jid) {
                return contacts.stream().filter(c -> c.jid().equalsIgnoreCase(jid)).findFirst();
            }
        };
        sift.bindView(new Ref<>(), view);
        return view;
    }

    public void fileTransfer(io.sift.api.FileTransferService service) {
        sift.bindService(service);
    }

    public void asker(OfferAsker asker) {
        sift.bindAsker(asker);
    }

    /** A distinct service reference (the maps are keyed by reference). */
    private static final class Ref<S> implements ServiceReference<S> {
        private final long id = IDS.incrementAndGet();

        @Override public Object getProperty(String key) { return "service.id".equals(key) ? id : null; }
        @Override public String[] getPropertyKeys() { return new String[] {"service.id"}; }
        @Override public Bundle getBundle() { return null; }
        @Override public Bundle[] getUsingBundles() { return null; }
        @Override public boolean isAssignableTo(Bundle bundle, String className) { return true; }
        @Override public int compareTo(Object reference) { return Long.compare(id, ((Ref<?>) reference).id); }
        @Override public Dictionary<String, Object> getProperties() { return new Hashtable<>(); }
        @Override public <A> A adapt(Class<A> type) { return null; }
    }
}
