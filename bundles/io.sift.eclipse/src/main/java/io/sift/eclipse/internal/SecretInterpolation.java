package io.sift.eclipse.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Hands passwords from Eclipse secure storage to the components that read configurations (a
 * ConfigAdmin {@link ConfigurationPlugin}, OSGi Compendium 104.9): a configuration property whose
 * value is {@code $[secret:NAME]} is delivered with the secret instead, while the stored configuration
 * keeps only the placeholder. Only the properties given to a component change; nothing is written.
 *
 * <p>Configurations may reach their components before this bundle starts (Eclipse starts it lazily).
 * An account that got the bare placeholder could not log in, so on activation every configuration
 * that names a known secret is delivered once more, now through this plugin. Applications that start
 * Felix ConfigAdmin with {@code felix.cm.config.plugins=io.sift.eclipse.secrets} avoid that first,
 * failed delivery.
 */
@Component(service = ConfigurationPlugin.class, property = {
        "config.plugin.id=" + SecretInterpolation.PLUGIN_ID,
        // the spec's range for plugins that modify properties is 0..1000; Felix's interpolation plugin uses 500
        "service.cmRanking:Integer=400" })
public final class SecretInterpolation implements ConfigurationPlugin {

    public static final String PLUGIN_ID = "io.sift.eclipse.secrets";

    private final SecretStore secrets;
    private final Logger log;

    @Activate
    public SecretInterpolation(@Reference SecretStore secrets, @Reference ConfigurationAdmin admin,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.secrets = secrets;
        this.log = log;
        redeliver(admin);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (properties.get(key) instanceof String value && value.contains("$[secret:")) {
                properties.put(key, SecretPlaceholders.resolve(value, this::secret));
            }
        }
    }

    private Optional<String> secret(String name) {
        try {
            return secrets.get(name);
        } catch (RuntimeException e) {
            log.warn("Password {} is not available: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    private void redeliver(ConfigurationAdmin admin) {
        try {
            org.osgi.service.cm.Configuration[] configs = admin.listConfigurations("(password=$[secret:*)");
            if (configs == null) {
                return;
            }
            for (org.osgi.service.cm.Configuration config : configs) {
                Dictionary<String, Object> props = config.getProperties();
                Optional<String> name = SecretPlaceholders.name(props == null ? null : props.get("password"));
                if (name.isPresent() && secret(name.get()).isPresent()) {
                    // an update delivers the configuration again, through the plugins
                    config.update(props);
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            log.warn("Accounts whose password is in secure storage could not be restarted: {}", e.getMessage());
        }
    }
}
