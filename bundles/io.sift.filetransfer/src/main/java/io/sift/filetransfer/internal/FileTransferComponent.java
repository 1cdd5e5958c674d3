package io.sift.filetransfer.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.sift.api.FileTransferService;
import io.sift.api.OfferHandler;
import io.sift.api.TransferListener;
import io.sift.api.XmppAccount;
import io.sift.common.Rehearsal;
import io.sift.connection.AccountConnection;
import io.sift.negotiation.SiProfile;
import io.sift.negotiation.StreamInitiator;

/**
 * File transfer for every logged-in account: registers the XEP-0096 profile with the negotiation
 * bundle and one {@link FileTransferService} per account, and feeds the listener whiteboard and
 * EventAdmin. An invalid configuration is logged once and nothing is registered; a later invalid
 * change is logged and ignored, a valid one applies at once without disturbing running transfers.
 */
@Component(configurationPid = FileTransferConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = FileTransferConfig.class)
public final class FileTransferComponent {

    private final BundleContext context;
    private final StreamInitiator initiator;
    private final Logger log;
    private final EventDispatcher events;
    /** An offer's file element and checksum read on paper once the first account is online (Smack is ready then). */
    private final Rehearsal rehearsal;
    private final Map<String, AccountConnection> accounts = new ConcurrentHashMap<>();
    /** Accounts whose presence is out (the connection bundle registers them as XmppAccount then). */
    private final Map<String, XmppAccount> announced = new ConcurrentHashMap<>();
    /** Per account: its transfers, set up and waiting to be registered once the account is announced. */
    private final Map<String, AccountFileTransfers> served = new ConcurrentHashMap<>();
    private final Map<ServiceReference<OfferHandler>, OfferHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ServiceRegistration<FileTransferService>> services = new ConcurrentHashMap<>();
    /** Null while no valid configuration was given. */
    private volatile TransferHub hub;
    private ServiceRegistration<SiProfile> profile; // guarded by this
    private final ChecksumProvider checksumProvider = new ChecksumProvider();
    /** Per account: removes its checksum handler, feature and presence listener. */
    private final Map<String, Runnable> accountEndpoints = new ConcurrentHashMap<>();

    @Activate
    public FileTransferComponent(FileTransferConfig config, BundleContext context,
            @Reference StreamInitiator initiator,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.initiator = initiator;
        this.log = log;
        this.events = new EventDispatcher(log);
        this.rehearsal = new Rehearsal("sift-rehearsal-file-transfer", new FileTransferRehearsal()::checkedOffer,
                failure -> log.debug("The file transfer rehearsal failed; the first offer is handled more slowly: {}",
                        failure.toString()));
        apply(config);
    }

    /** A changed configuration applies to running transfers too; none of them is interrupted. */
    @Modified
    void modified(FileTransferConfig config) {
        apply(config);
    }

    private synchronized void apply(FileTransferConfig config) {
        TransferSettings.Validation validation =
                TransferSettings.validate(config, System.getProperty("user.home", "."));
        if (validation.settings().isEmpty()) {
            log.error("{}: invalid configuration, {}: {}", FileTransferConfig.PID,
                    hub == null ? "file transfer not started" : "the previous one stays in force",
                    String.join("; ", validation.problems()));
            return;
        }
        TransferSettings settings = validation.settings().get();
        if (hub != null) {
            hub.reconfigure(settings);
            return;
        }
        HashWarmUp.start();
        TransferHub started = new TransferHub(settings, initiator, events, log);
        handlers.forEach(started.decider::add);
        hub = started;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SiProfile.NAMESPACE, FileElement.NAMESPACE);
        profile = context.registerService(SiProfile.class, new FileProfile(started), props);
        accounts.values().forEach(this::publish);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindAccount(AccountConnection account) {
        accounts.put(account.jid(), account);
        rehearsal.startOnceQuiet(account.connection());
        if (hub != null) {
            publish(account);
        }
    }

    synchronized void unbindAccount(AccountConnection account) {
        if (!accounts.remove(account.jid(), account)) {
            return; // a newer session of the account replaced it already
        }
        served.remove(account.jid());
        Runnable accountEndpoint = accountEndpoints.remove(account.jid());
        if (accountEndpoint != null) {
            accountEndpoint.run();
        }
        withdrawService(account.jid());
        TransferHub current = hub;
        if (current != null) {
            current.accountOffline(account.jid());
        }
    }

    /**
     * The account's presence is out: its FileTransferService may be used now. Applications are told
     * only once peers can see the account, so a send never starts from an account that peers cannot
     * yet answer, and a receiver that reports itself ready has its features announced.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindAnnounced(XmppAccount account) {
        announced.put(account.jid(), account);
        registerServiceIfAnnounced(account.jid());
    }

    synchronized void unbindAnnounced(XmppAccount account) {
        if (announced.remove(account.jid(), account)) {
            withdrawService(account.jid());
        }
    }

    private void registerServiceIfAnnounced(String jid) {
        AccountFileTransfers transfers = served.get(jid);
        // the same session on both sides: an announcement of an earlier session does not count
        if (transfers == null || services.containsKey(jid) || announced.get(jid) != accounts.get(jid)) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(XmppAccount.JID, jid);
        services.put(jid, context.registerService(FileTransferService.class, transfers, props));
    }

    private void withdrawService(String jid) {
        ServiceRegistration<FileTransferService> registration = services.remove(jid);
        if (registration != null) {
            unregisterQuietly(registration);
        }
    }

    /**
     * Sets up the account's checksum handler and feature and the presence listener that fails the
     * transfers of a peer that goes offline, before the account's presence goes out (a peer that sees
     * it may offer at once); the FileTransferService follows when the account is announced.
     */
    private void publish(AccountConnection account) {
        XMPPConnection connection = account.connection();
        AccountFileTransfers transfers = new AccountFileTransfers(account, hub, new SmackCheckLink(connection));
        // an earlier session's handler and feature go first: removing them later would remove the new ones
        Runnable previous = accountEndpoints.remove(account.jid());
        if (previous != null) {
            previous.run();
        }
        checksumProvider.register();
        Runnable unregisterHandler = new ChecksumHandler(connection, transfers.checkInbox(), log).register();
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        disco.addFeature(FileCheck.NAMESPACE);
        StanzaListener presence = stanza -> {
            if (stanza.getFrom() != null) {
                transfers.peerUnavailable(stanza.getFrom().toString());
            }
        };
        connection.addAsyncStanzaListener(presence, PresenceTypeFilter.UNAVAILABLE);
        accountEndpoints.put(account.jid(), () -> {
            connection.removeAsyncStanzaListener(presence);
            unregisterHandler.run();
            disco.removeFeature(FileCheck.NAMESPACE);
        });
        hub.accountOnline(transfers);
        withdrawService(account.jid()); // an earlier session's
        served.put(account.jid(), transfers);
        registerServiceIfAnnounced(account.jid());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(TransferListener listener) {
        events.addListener(listener);
    }

    void unbindListener(TransferListener listener) {
        events.removeListener(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindHandler(ServiceReference<OfferHandler> ref, OfferHandler handler) {
        handlers.put(ref, handler);
        TransferHub current = hub;
        if (current != null) {
            current.decider.add(ref, handler);
        }
    }

    void unbindHandler(ServiceReference<OfferHandler> ref) {
        handlers.remove(ref);
        TransferHub current = hub;
        if (current != null) {
            current.decider.remove(ref);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        events.setEventAdmin(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        events.clearEventAdmin(admin);
    }

    @Deactivate
    synchronized void deactivate() {
        rehearsal.stop();
        if (profile != null) {
            unregisterQuietly(profile);
        }
        services.values().forEach(FileTransferComponent::unregisterQuietly);
        services.clear();
        accountEndpoints.values().forEach(Runnable::run);
        accountEndpoints.clear();
        checksumProvider.unregister();
        if (hub != null) {
            hub.close();
        }
        events.close();
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework withdrew it while the bundle stopped
        }
    }
}
