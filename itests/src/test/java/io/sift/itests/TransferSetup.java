package io.sift.itests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.sift.api.FileTransferService;
import io.sift.api.StreamMethods;
import io.sift.spi.StreamMethod;

/**
 * Puts a framework into the state transfer tests start from: file transfer configured to accept into
 * a download directory, alice and bob logged in, and their FileTransferServices registered.
 */
public final class TransferSetup {

    public static final Duration READY = Duration.ofSeconds(30);
    private static final String FILETRANSFER_COMPONENT = "io.sift.filetransfer.internal.FileTransferComponent";

    private TransferSetup() {
    }

    /** Applies the file transfer configuration (if it differs) and waits until the component runs with it. */
    public static void configureFileTransfer(BundleContext context, ConfigurationAdmin configAdmin,
            ServiceComponentRuntime scr, Map<String, Object> settings) throws IOException, InterruptedException {
        configure(context, configAdmin, scr, "io.sift.filetransfer", FILETRANSFER_COMPONENT, settings);
    }

    /**
     * Applies a configuration (if it differs from the current one) and waits until the component of
     * that PID (in the bundle named like the PID) is active with it.
     *
     * @return whether the configuration changed
     */
    public static boolean configure(BundleContext context, ConfigurationAdmin configAdmin, ServiceComponentRuntime scr,
            String pid, String componentName, Map<String, Object> settings) throws IOException, InterruptedException {
        Configuration config = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> current = config.getProperties();
        boolean same = current != null && settings.entrySet().stream()
                .allMatch(e -> text(e.getValue()).equals(text(current.get(e.getKey()))));
        if (!same) {
            config.update(new Hashtable<>(settings));
        }
        Await.until(READY, pid + " active with " + settings,
                () -> activeWith(scr, context, pid, componentName, settings));
        return !same;
    }

    /**
     * Applies the configuration of a component that registers a stream method, and waits until the
     * method registered by the instance activated with it is in place. SCR shows the new properties on a
     * component before it has replaced the instance that was active with the old ones, so "active with"
     * alone can be seen while the old method is still registered, and then withdrawn.
     *
     * @param method the stream method's namespace (see {@link StreamMethods})
     */
    public static void configureMethod(BundleContext context, ConfigurationAdmin configAdmin,
            ServiceComponentRuntime scr, String pid, String componentName, String method, Map<String, Object> settings)
            throws IOException, InterruptedException {
        long before = methodServiceId(context, method);
        if (configure(context, configAdmin, scr, pid, componentName, settings)) {
            Await.until(READY, "the " + StreamMethods.shortName(method) + " method registered again after " + settings,
                    () -> methodServiceId(context, method) > before);
        }
    }

    /** Applies an in-band configuration (see {@link #configureMethod}) and waits until {@code user} serves it. */
    public static void configureInBand(BundleContext context, ConfigurationAdmin configAdmin,
            ServiceComponentRuntime scr, Map<String, Object> settings, String user)
            throws IOException, InterruptedException {
        configureMethod(context, configAdmin, scr, "io.sift.ibb", "io.sift.ibb.internal.IbbComponent", StreamMethods.IBB,
                settings);
        service(context, user);
        awaitServed(context, user, LocalProsody.jid(user) + "/itest", StreamMethods.IBB);
    }

    /** The service id of the registered stream method of that namespace, or -1. */
    private static long methodServiceId(BundleContext context, String method) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(StreamMethod.class.getName(),
                    "(" + StreamMethod.NAMESPACE + "=" + method + ")");
            long id = -1;
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                id = Math.max(id, (Long) ref.getProperty(Constants.SERVICE_ID));
            }
            return id;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean activeWith(ServiceComponentRuntime scr, BundleContext context, String bundle,
            String componentName, Map<String, Object> settings) {
        ComponentDescriptionDTO description = Arrays.stream(context.getBundles())
                .filter(b -> bundle.equals(b.getSymbolicName()))
                .findFirst()
                .map(b -> scr.getComponentDescriptionDTO(b, componentName))
                .orElse(null);
        if (description == null) {
            return false;
        }
        for (ComponentConfigurationDTO dto : scr.getComponentConfigurationDTOs(description)) {
            if (dto.state == ComponentConfigurationDTO.ACTIVE && settings.entrySet().stream()
                    .allMatch(e -> text(e.getValue()).equals(text(dto.properties.get(e.getKey()))))) {
                return true;
            }
        }
        return false;
    }

    /** Compares configuration values by content: arrays and collections element by element. */
    private static String text(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.asList(array).toString();
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection).toString();
        }
        return String.valueOf(value);
    }

    /** Creates the account configuration once (it persists for the framework's life). */
    public static void ensureAccount(ConfigurationAdmin configAdmin, String user) throws IOException {
        Configuration config = configAdmin.getFactoryConfiguration(Accounts.FACTORY_PID, user, "?");
        if (config.getProperties() == null) {
            config.update(Accounts.localAccount(user));
        }
    }

    /** alice and bob logged in with file transfer served; alice's service, the usual sender. */
    public static FileTransferService aliceAndBob(BundleContext context, ConfigurationAdmin configAdmin)
            throws IOException, InterruptedException {
        ensureAccount(configAdmin, "alice");
        ensureAccount(configAdmin, "bob");
        FileTransferService alice = service(context, "alice");
        service(context, "bob");
        return alice;
    }

    public static FileTransferService service(BundleContext context, String user) throws InterruptedException {
        return Services.await(context, FileTransferService.class, Services.jidFilter(LocalProsody.jid(user)), READY);
    }

    /**
     * Waits until {@code peer} itself answers a disco#info query from {@code observer} with
     * {@code feature}, bypassing capabilities: right after the peer logged in again, the
     * capabilities of an earlier session may still announce what its handlers do not serve yet.
     */
    public static void awaitServed(BundleContext context, String observer, String peer, String feature)
            throws InterruptedException {
        awaitPeerAnswer(context, observer, peer, peer + " serves " + feature,
                (account, answer) -> answer.containsFeature(feature));
    }

    /**
     * Waits until the capabilities (XEP-0115) {@code peer} last announced to {@code observer} match
     * what {@code peer} serves now, as {@code peer} itself answers: after a stream method started or
     * stopped there, its new presence may still be on its way, and until it arrives the observer
     * rightly goes by the old one.
     */
    public static void awaitAnnounced(BundleContext context, String observer, String peer) throws InterruptedException {
        org.jxmpp.jid.Jid jid = jid(peer);
        awaitPeerAnswer(context, observer, peer, observer + " has the capabilities " + peer + " serves now",
                (account, answer) -> account.peerCapsVersion(jid)
                        .map(ver -> org.jivesoftware.smackx.caps.EntityCapsManager.verifyDiscoverInfoVersion(ver,
                                "sha-1", answer))
                        .orElse(false));
    }

    /** What a condition on the peer's own disco#info answer is given. */
    private interface PeerAnswerCheck {
        boolean holds(io.sift.connection.AccountConnection observer,
                org.jivesoftware.smackx.disco.packet.DiscoverInfo answer);
    }

    /** Asks {@code peer} for its disco#info, from {@code observer}, until {@code check} holds of the answer. */
    private static void awaitPeerAnswer(BundleContext context, String observer, String peer, String what,
            PeerAnswerCheck check) throws InterruptedException {
        io.sift.connection.AccountConnection account = Services.await(context,
                io.sift.connection.AccountConnection.class, Services.jidFilter(LocalProsody.jid(observer)), READY);
        org.jxmpp.jid.Jid jid = jid(peer);
        org.jivesoftware.smackx.disco.ServiceDiscoveryManager disco =
                org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(account.connection());
        Await.until(READY, what, () -> {
            try {
                // with a node argument (none) Smack skips its capabilities shortcut and asks the peer
                return check.holds(account, disco.discoverInfo(jid, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    private static org.jxmpp.jid.Jid jid(String jid) {
        try {
            return org.jxmpp.jid.impl.JidCreate.from(jid);
        } catch (org.jxmpp.stringprep.XmppStringprepException e) {
            throw new IllegalArgumentException(jid, e);
        }
    }

    public static Map<String, Object> acceptInto(Path downloads) {
        return Map.of("offerPolicy", "ACCEPT", "downloadDirectory", downloads.toString());
    }
}
