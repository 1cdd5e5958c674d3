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
    private final Map<String, AccountConnection> accounts = new ConcurrentHashMap<>();
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
        if (hub != null) {
            publish(account);
        }
    }

    synchronized void unbindAccount(AccountConnection account) {
        accounts.remove(account.jid(), account);
        Runnable accountEndpoint = accountEndpoints.remove(account.jid());
        if (accountEndpoint != null) {
            accountEndpoint.run();
        }
        ServiceRegistration<FileTransferService> registration = services.remove(account.jid());
        if (registration != null) {
            unregisterQuietly(registration);
        }
        TransferHub current = hub;
        if (current != null) {
            current.accountOffline(account.jid());
        }
    }

    /**
     * Registers the account's FileTransferService, after its checksum handler and feature (a peer that
     * sees the service's account may offer at once) and the presence listener that fails the
     * transfers of a peer that goes offline.
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
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(XmppAccount.JID, account.jid());
        ServiceRegistration<FileTransferService> old =
                services.put(account.jid(), context.registerService(FileTransferService.class, transfers, props));
        if (old != null) {
            unregisterQuietly(old);
        }
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
