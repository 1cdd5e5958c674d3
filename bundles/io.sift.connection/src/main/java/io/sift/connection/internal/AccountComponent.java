package io.sift.connection.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured XMPP account. The component itself offers no service: its {@link AccountSession}
 * registers the account's connection service while it is logged in.
 *
 * <p>A configuration that fails validation is reported in one log line naming the PID and every
 * bad field, and the component stays inert, so nothing half-made is ever registered.
 */
@Component(
        configurationPid = AccountConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = AccountConfig.class, factory = true)
public final class AccountComponent {

    private final AccountSession session;

    @Activate
    public AccountComponent(
            AccountConfig config,
            Map<String, Object> properties,
            BundleContext context,
            @Reference SmackRuntime smack,
            @Reference(service = LoggerFactory.class) Logger log) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", AccountConfig.FACTORY_PID));
        AccountSettings.Validation validation = AccountSettings.validate(config);
        if (!validation.isValid()) {
            log.error("{}: invalid configuration, account not started: {}",
                    pid, String.join("; ", validation.problems()));
            session = null;
            return;
        }
        session = new AccountSession(validation.settings().orElseThrow(), pid, context, log);
        session.start();
    }

    @Deactivate
    void deactivate() {
        if (session != null) {
            session.close();
        }
    }
}
