package io.sift.eclipse.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.sift.api.AccountStatus;
import io.sift.api.ContactView;
import io.sift.api.FileTransferService;

/**
 * What the Eclipse side needs of SIFT at one moment: the online accounts with their file transfer
 * service and contacts, and every configured account's status (to say why none is online). Accounts
 * come and go while Eclipse runs, so the references are dynamic and kept in concurrent maps keyed by
 * the account's bare JID.
 */
@Component(service = SiftAccess.class)
public final class SiftAccess {

    private final Map<String, FileTransferService> senders = new ConcurrentHashMap<>();
    private final Map<String, ContactView> contacts = new ConcurrentHashMap<>();
    private final List<AccountStatus> statuses = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSender(FileTransferService service) {
        senders.put(service.account(), service);
    }

    void removeSender(FileTransferService service) {
        senders.remove(service.account(), service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContacts(ContactView view) {
        contacts.put(view.account(), view);
    }

    void removeContacts(ContactView view) {
        contacts.remove(view.account(), view);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStatus(AccountStatus status) {
        statuses.add(status);
    }

    void removeStatus(AccountStatus status) {
        statuses.remove(status);
    }

    /** Bare JIDs of the accounts that can send now, sorted. */
    public List<String> onlineAccounts() {
        return List.copyOf(new TreeSet<>(senders.keySet()));
    }

    public Optional<FileTransferService> sender(String account) {
        return Optional.ofNullable(senders.get(account));
    }

    public Optional<ContactView> contacts(String account) {
        return Optional.ofNullable(contacts.get(account));
    }

    /** Every configured account, online or not. */
    public List<AccountStatus> statuses() {
        return List.copyOf(statuses);
    }
}
