package io.sift.negotiation.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.sift.common.Rehearsal;
import io.sift.connection.AccountConnection;
import io.sift.negotiation.NegotiatedStream;
import io.sift.negotiation.NegotiationException;
import io.sift.negotiation.ResolvedPeer;
import io.sift.negotiation.SiProfile;
import io.sift.negotiation.StreamInitiator;
import io.sift.negotiation.StreamOffer;
import io.sift.spi.StreamMethod;

/**
 * XEP-0095 Stream Initiation for every logged-in account: the {@link StreamInitiator} service, the
 * {@code <si/>} request handler on each account's connection, and each account's disco#info
 * features, which follow the registered stream methods and profiles as they come and go.
 */
@Component(service = StreamInitiator.class, configurationPid = NegotiationConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NegotiationConfig.class)
public final class NegotiationComponent implements StreamInitiator {

    /** Profiles only look at an offer and hand it on, so a few threads serve every account. */
    private static final int THREADS = 4;
    private static final int QUEUED_OFFERS = 256;

    private final Logger log;
    private final NegotiationContext context;
    private final ThreadPoolExecutor executor;
    private final RankedServices<StreamMethod> methods = new RankedServices<>();
    private final RankedServices<SiProfile> profiles = new RankedServices<>();
    private final SiProviderRegistration provider;
    /** An offer negotiated on paper once the first account is online (Smack is ready then), so that a peer's first one is quicker. */
    private final Rehearsal rehearsal;
    /** How long an offer waits for its account to be bound here (see {@link #awaitAccount}). */
    private static final Duration ACCOUNT_BIND_WAIT = Duration.ofSeconds(2);

    private final Map<AccountConnection, AccountNegotiation> accounts = new IdentityHashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    @Activate
    public NegotiationComponent(NegotiationConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        NegotiationSettings.Validation validation = NegotiationSettings.validate(config);
        if (!validation.problems().isEmpty()) {
            log.error("{}: invalid configuration, using the defaults for the bad fields: {}", NegotiationConfig.PID,
                    String.join("; ", validation.problems()));
        }
        AtomicInteger threadCount = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_OFFERS), r -> {
                    Thread t = new Thread(r, "sift-negotiation-" + threadCount.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
        SiIqProvider parser = new SiIqProvider();
        this.provider = new SiProviderRegistration(parser);
        this.context = new NegotiationContext(methods, profiles, parser, new SidGenerator(), executor,
                validation.settings(), log);
        this.rehearsal = new Rehearsal("sift-rehearsal-negotiation", new NegotiationRehearsal(parser)::chosenMethod,
                failure -> log.debug("The negotiation rehearsal failed; the first offer is handled more slowly: {}",
                        failure.toString()));
    }

    @Override
    public List<String> availableMethods() {
        return methods.keys();
    }

    @Override
    public NegotiatedStream offer(StreamOffer offer) throws NegotiationException, InterruptedException {
        return onlineAccount(offer.account()).offer(offer);
    }

    @Override
    public ResolvedPeer resolve(String account, String peer, String profile) throws NegotiationException,
            InterruptedException {
        return onlineAccount(account).resolve(peer, profile);
    }

    private AccountNegotiation onlineAccount(String jid) throws NegotiationException, InterruptedException {
        AccountNegotiation account = awaitAccount(normalizedBareJid(jid));
        if (account == null) {
            throw new NegotiationException(NegotiationException.Kind.ACCOUNT_OFFLINE,
                    "account " + jid + " is not logged in");
        }
        return account;
    }

    /**
     * The account's negotiation, waiting a moment for it: the bundles that follow an account bind it
     * one after the other when it logs in, so a caller that saw the account in one of them may come
     * here a moment before this component has bound it.
     */
    private synchronized AccountNegotiation awaitAccount(String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + ACCOUNT_BIND_WAIT.toNanos();
        while (true) {
            for (AccountNegotiation candidate : accounts.values()) {
                if (normalizedBareJid(candidate.jid()).equals(wanted)) {
                    return candidate;
                }
            }
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Reference(name = "streamMethod", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeStreamMethod", updated = "updateStreamMethod")
    void addStreamMethod(StreamMethod method, Map<String, Object> props) {
        String namespace;
        try {
            namespace = method.namespace();
        } catch (RuntimeException e) {
            namespace = null;
        }
        if (!XmlText.isCleanName(namespace)) {
            List<String> fromProperty = ServiceProperties.strings(props, StreamMethod.NAMESPACE);
            namespace = fromProperty.isEmpty() ? null : fromProperty.get(0);
        }
        if (!XmlText.isCleanName(namespace)) {
            log.error("stream method service {} has no usable namespace; it is not offered",
                    ServiceProperties.serviceId(props));
            return;
        }
        methods.put(method, List.of(namespace), ServiceProperties.integer(props, StreamMethod.PRIORITY, 0),
                ServiceProperties.integer(props, ServiceProperties.SERVICE_RANKING, 0),
                ServiceProperties.serviceId(props));
        featuresChanged();
    }

    void updateStreamMethod(StreamMethod method, Map<String, Object> props) {
        addStreamMethod(method, props);
    }

    void removeStreamMethod(StreamMethod method) {
        if (methods.remove(method)) {
            featuresChanged();
        }
    }

    @Reference(name = "profile", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProfile", updated = "updateProfile")
    void addProfile(SiProfile profile, Map<String, Object> props) {
        List<String> namespaces = new ArrayList<>();
        for (String namespace : ServiceProperties.strings(props, SiProfile.NAMESPACE)) {
            if (XmlText.isCleanName(namespace)) {
                namespaces.add(namespace);
            }
        }
        if (namespaces.isEmpty()) {
            log.error("SI profile service {} has no usable {} property; its offers are refused",
                    ServiceProperties.serviceId(props), SiProfile.NAMESPACE);
            profiles.remove(profile);
        } else {
            profiles.put(profile, namespaces, 0, ServiceProperties.integer(props, ServiceProperties.SERVICE_RANKING, 0),
                    ServiceProperties.serviceId(props));
        }
        featuresChanged();
    }

    void updateProfile(SiProfile profile, Map<String, Object> props) {
        addProfile(profile, props);
    }

    void removeProfile(SiProfile profile) {
        if (profiles.remove(profile)) {
            featuresChanged();
        }
    }

    @Reference(name = "account", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeAccount")
    void addAccount(AccountConnection account) {
        AccountNegotiation negotiation;
        synchronized (this) {
            if (closed || accounts.containsKey(account)) {
                return;
            }
            // Smack has initialised by now (the account logged in), so its start-up cannot overwrite this
            provider.ensureRegistered();
            negotiation = new AccountNegotiation(account, context);
            accounts.put(account, negotiation);
            negotiation.start(wantedFeatures());
            notifyAll();
        }
        rehearsal.startOnceQuiet(account.connection());
        log.debug("{}: stream initiation ready", account.jid());
    }

    void removeAccount(AccountConnection account) {
        AccountNegotiation negotiation;
        synchronized (this) {
            negotiation = accounts.remove(account);
        }
        if (negotiation != null) {
            negotiation.close();
        }
    }

    @Deactivate
    void deactivate() {
        List<AccountNegotiation> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(accounts.values());
            accounts.clear();
            notifyAll(); // offers waiting for an account give up now
        }
        rehearsal.stop();
        left.forEach(AccountNegotiation::close);
        provider.remove();
        executor.shutdownNow();
    }

    /** Every account announces SI, each profile and each stream method; called on every change. */
    private synchronized void featuresChanged() {
        if (closed) {
            return;
        }
        Set<String> wanted = wantedFeatures();
        for (AccountNegotiation negotiation : accounts.values()) {
            negotiation.updateFeatures(wanted);
        }
    }

    private Set<String> wantedFeatures() {
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(SiNamespaces.SI);
        wanted.addAll(profiles.keys());
        wanted.addAll(methods.keys());
        return wanted;
    }

    /** Account names as the connection bundle registers them; a name jxmpp rejects is compared as given. */
    private static String normalizedBareJid(String jid) {
        try {
            return JidCreate.bareFrom(jid.strip()).toString();
        } catch (XmppStringprepException | RuntimeException e) {
            return jid;
        }
    }
}
