package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
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
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.sift.connection.AccountConnection;
import io.sift.spi.StreamMethod;

/**
 * Publishes the in-band stream method and follows the logged-in accounts.
 *
 * <p>The component registers the {@link StreamMethod} service itself rather than through DS: a
 * configuration that fails validation is reported in one log line, and then no method may be
 * offered at all, which a DS-provided service could not express.
 */
@Component(configurationPid = IbbConfig.PID, service = {})
@Designate(ocd = IbbConfig.class)
// DS does not register the service, so bnd would not announce it; resolvers need the capability
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"io.sift.spi.StreamMethod\"",
        uses = StreamMethod.class)
public final class IbbComponent {

    private final IbbStreamMethod method;
    private final ServiceRegistration<StreamMethod> registration;

    @Activate
    public IbbComponent(
            IbbConfig config,
            Map<String, Object> properties,
            BundleContext context,
            @Reference(service = LoggerFactory.class) Logger log) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", IbbConfig.PID));
        IbbSettings.Validation validation = IbbSettings.validate(config);
        PeerRules.Parsed table = PeerRules.fromConfig(config);
        List<String> problems = new ArrayList<>(validation.problems());
        problems.addAll(table.problems());
        if (!problems.isEmpty()) {
            log.error("{}: invalid configuration, in-band bytestreams not offered: {}",
                    pid, String.join("; ", problems));
            method = null;
            registration = null;
            return;
        }
        IbbSettings settings = validation.settings().orElseThrow();
        method = new IbbStreamMethod(settings, table.rules(), new IbbProviders(), log);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(StreamMethod.NAMESPACE, Ibb.NAMESPACE);
        props.put(StreamMethod.PRIORITY, Integer.valueOf(settings.priority()));
        registration = context.registerService(StreamMethod.class, method, props);
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
