package io.sift.socks5.internal;

import java.util.Hashtable;
import java.util.Map;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.sift.connection.AccountConnection;
import io.sift.spi.StreamMethod;

/**
 * Publishes the SOCKS5 stream method and follows the logged-in accounts and the direct streamhost.
 *
 * <p>The component registers the {@link StreamMethod} service itself rather than through DS: a
 * configuration that fails validation is reported in one log line, and then no method may be
 * offered at all, which a DS-provided service could not express. The direct streamhost is a
 * component of its own ({@link DirectListenerComponent}); without it (disabled, or its port taken)
 * the method still offers proxies.
 */
@Component(configurationPid = Socks5Config.PID, service = {})
@Designate(ocd = Socks5Config.class)
// DS does not register the service, so bnd would not announce it; resolvers need the capability
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"io.sift.spi.StreamMethod\"",
        uses = StreamMethod.class)
public final class Socks5Component {

    private final Socks5StreamMethod method;
    private final ServiceRegistration<StreamMethod> registration;

    @Activate
    public Socks5Component(
            Socks5Config config,
            Map<String, Object> properties,
            BundleContext context,
            @Reference(service = LoggerFactory.class) Logger log) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", Socks5Config.PID));
        Socks5Settings.Validation validation = Socks5Settings.validate(config);
        if (!validation.isValid()) {
            log.error("{}: invalid configuration, SOCKS5 bytestreams not offered: {}",
                    pid, String.join("; ", validation.problems()));
            method = null;
            registration = null;
            return;
        }
        Socks5Settings settings = validation.settings().orElseThrow();
        method = new Socks5StreamMethod(settings, new BytestreamProviders(), log);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(StreamMethod.NAMESPACE, Bytestreams.NAMESPACE);
        props.put(StreamMethod.PRIORITY, Integer.valueOf(settings.priority()));
        registration = context.registerService(StreamMethod.class, method, props);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDirect(DirectStreamhost streamhost) {
        if (method != null) {
            method.directAvailable(streamhost);
        }
    }

    void unbindDirect(DirectStreamhost streamhost) {
        if (method != null) {
            method.directGone(streamhost);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAccount(AccountConnection account) {
        if (method != null) {
            method.bind(account);
        }
    }

    void unbindAccount(AccountConnection account) {
        if (method != null) {
            method.unbind(account);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework withdrew it first
            }
        }
        if (method != null) {
            method.shutdown();
        }
    }
}
