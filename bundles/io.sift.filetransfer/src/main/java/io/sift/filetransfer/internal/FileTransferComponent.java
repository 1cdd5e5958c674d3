package io.sift.filetransfer.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
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
 * EventAdmin. An invalid configuration is logged once and nothing is registered.
 */
@Component(configurationPid = FileTransferConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = FileTransferConfig.class)
public final class FileTransferComponent {

    private final BundleContext context;
    private final Logger log;
    private final EventDispatcher events;
    private final TransferHub hub;
    private final ServiceRegistration<SiProfile> profile;
    private final Map<String, ServiceRegistration<FileTransferService>> services = new ConcurrentHashMap<>();

    @Activate
    public FileTransferComponent(FileTransferConfig config, BundleContext context,
            @Reference StreamInitiator initiator,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.log = log;
        this.events = new EventDispatcher(log);
        TransferSettings.Validation validation =
                TransferSettings.validate(config, System.getProperty("user.home", "."));
        if (validation.settings().isEmpty()) {
            log.error("{}: invalid configuration, file transfer not started: {}", FileTransferConfig.PID,
                    String.join("; ", validation.problems()));
            hub = null;
            profile = null;
            return;
        }
        hub = new TransferHub(validation.settings().get(), initiator, events, log);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SiProfile.NAMESPACE, FileElement.NAMESPACE);
        profile = context.registerService(SiProfile.class, new FileProfile(hub), props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAccount(AccountConnection account) {
        if (hub == null) {
            return;
        }
        AccountFileTransfers transfers = new AccountFileTransfers(account, hub);
        hub.accountOnline(transfers);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(XmppAccount.JID, account.jid());
        ServiceRegistration<FileTransferService> old =
                services.put(account.jid(), context.registerService(FileTransferService.class, transfers, props));
        if (old != null) {
            old.unregister();
        }
    }

    void unbindAccount(AccountConnection account) {
        ServiceRegistration<FileTransferService> registration = services.remove(account.jid());
        if (registration != null) {
            unregisterQuietly(registration);
        }
        if (hub != null) {
            hub.accountOffline(account.jid());
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
        if (hub != null) {
            hub.decider.add(ref, handler);
        }
    }

    void unbindHandler(ServiceReference<OfferHandler> ref) {
        if (hub != null) {
            hub.decider.remove(ref);
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
    void deactivate() {
        if (profile != null) {
            unregisterQuietly(profile);
        }
        services.values().forEach(FileTransferComponent::unregisterQuietly);
        services.clear();
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
