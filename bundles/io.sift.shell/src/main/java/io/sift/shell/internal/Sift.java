package io.sift.shell.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.sift.api.AccountStatus;
import io.sift.api.Contact;
import io.sift.api.ContactView;
import io.sift.api.FileTransferService;
import io.sift.api.Transfer;
import io.sift.shell.text.Printable;

/**
 * SIFT as the shell commands and completers see it, through the public API only: the account
 * configurations and their state, the accounts that can send, their contacts and transfers, and
 * the offers that wait for an answer. One service for every command and completer.
 *
 * <p>A problem the user can fix (unknown account, unknown transfer) is an IllegalArgumentException
 * with one line, which the shells print without a stack trace.
 */
@Component(service = Sift.class)
public final class Sift {

    private final Map<String, FileTransferService> services = new ConcurrentHashMap<>();
    private final Map<ServiceReference<AccountStatus>, AccountStatus> statuses = new ConcurrentHashMap<>();
    private final Map<ServiceReference<ContactView>, ContactView> views = new ConcurrentHashMap<>();
    private volatile ConfigurationAdmin configAdmin;
    private volatile OfferAsker asker;

    // --- accounts

    /** Every account configuration, by JID, then configuration PID. */
    public List<AccountStatus> accounts() {
        List<AccountStatus> all = new ArrayList<>(statuses.values());
        all.sort(Comparator.comparing((AccountStatus s) -> s.jid().toLowerCase(Locale.ROOT))
                .thenComparing(AccountStatus::configurationPid));
        return all;
    }

    /** The file transfer service of an online account (JID compared without case). */
    public Optional<FileTransferService> fileTransfer(String account) {
        String jid = account.strip();
        FileTransferService service = services.get(jid);
        if (service != null) {
            return Optional.of(service);
        }
        return services.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(jid))
                .map(Map.Entry::getValue).findFirst();
    }

    /** The accounts that can send now, by JID. */
    public List<String> sendingAccounts() {
        return List.copyOf(new TreeMap<>(services).keySet());
    }

    /**
     * The account to send from: the one named, or the only one online.
     *
     * @param account a JID, or null or blank for "the only one online"
     */
    public FileTransferService sender(String account) {
        if (account != null && !account.isBlank()) {
            return fileTransfer(account).orElseThrow(() -> new IllegalArgumentException("account "
                    + Printable.of(account.strip()) + " is not online" + onlineList() + " (see sift:accounts)"));
        }
        List<String> online = sendingAccounts();
        if (online.isEmpty()) {
            throw new IllegalArgumentException("no account is online (see sift:accounts)");
        }
        if (online.size() > 1) {
            throw new IllegalArgumentException("several accounts are online (" + String.join(", ", online)
                    + "): choose one with --account");
        }
        return services.get(online.get(0));
    }

    private String onlineList() {
        List<String> online = sendingAccounts();
        return online.isEmpty() ? "; no account is online" : "; online: " + String.join(", ", online);
    }

    // --- contacts

    /**
     * The contacts of one online account, or of every one when {@code account} is null or blank; a
     * contact several accounts have is listed once, as the account that sees it best sees it. In the
     * order of {@link Contact#BEST_FIRST}.
     */
    public List<Contact> contacts(String account) {
        Map<String, Contact> best = new LinkedHashMap<>();
        for (ContactView view : views.values()) {
            if (account != null && !account.isBlank() && !view.account().equalsIgnoreCase(account.strip())) {
                continue;
            }
            for (Contact c : view.contacts()) {
                best.merge(c.jid().toLowerCase(Locale.ROOT), c,
                        (a, b) -> Contact.BEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        List<Contact> all = new ArrayList<>(best.values());
        all.sort(Contact.BEST_FIRST);
        return all;
    }

    /** The accounts whose contacts are known (online ones), by JID. */
    public List<String> contactAccounts() {
        return views.values().stream().map(ContactView::account).sorted().distinct().toList();
    }

    // --- transfers

    /** Current and recent transfers of every account, oldest first. */
    public List<Transfer> transfers() {
        List<Transfer> all = new ArrayList<>();
        services.values().forEach(s -> all.addAll(s.transfers()));
        all.sort(Comparator.comparing(Transfer::started));
        return all;
    }

    public Optional<Transfer> transfer(String id) {
        String wanted = id.strip();
        for (FileTransferService service : services.values()) {
            Optional<Transfer> t = service.transfer(wanted);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    // --- offers that wait for an answer

    public Optional<OfferAsker> asker() {
        return Optional.ofNullable(asker);
    }

    /** The offers that wait for sift:accept or sift:decline; an error when offers do not wait here. */
    public OfferAsker waitingOffers() {
        OfferAsker a = asker;
        if (a == null || !a.isAsking()) {
            throw new IllegalArgumentException("offers do not wait for an answer here: set askOffers=true in "
                    + ShellConfig.PID + " to decide them with sift:accept and sift:decline");
        }
        return a;
    }

    /** Where {@code sift:accept <id>} without a directory puts the file. */
    public Path downloadDirectory() {
        return DownloadDirectory.of(configAdmin, System.getProperty("user.home", "."));
    }

    // --- services

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindService(FileTransferService service) {
        services.put(service.account(), service);
    }

    void unbindService(FileTransferService service) {
        services.remove(service.account(), service);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindStatus(ServiceReference<AccountStatus> ref, AccountStatus status) {
        statuses.put(ref, status);
    }

    void unbindStatus(ServiceReference<AccountStatus> ref) {
        statuses.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindView(ServiceReference<ContactView> ref, ContactView view) {
        views.put(ref, view);
    }

    void unbindView(ServiceReference<ContactView> ref) {
        views.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfigAdmin(ConfigurationAdmin admin) {
        configAdmin = admin;
    }

    void unbindConfigAdmin(ConfigurationAdmin admin) {
        if (configAdmin == admin) {
            configAdmin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAsker(OfferAsker offerAsker) {
        asker = offerAsker;
    }

    void unbindAsker(OfferAsker offerAsker) {
        if (asker == offerAsker) {
            asker = null;
        }
    }
}
