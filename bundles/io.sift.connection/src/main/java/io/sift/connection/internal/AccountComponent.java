package io.sift.connection.internal;

import java.time.Clock;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.sift.api.AccountStatus;
import io.sift.api.ContactListener;

/**
 * One configured XMPP account. The component registers the configuration's {@link AccountStatus}
 * for as long as it is active; its {@link AccountSession} registers the account's connection
 * services while it is logged in.
 *
 * <p>A configuration that fails validation is reported in one log line naming the PID and every
 * bad field, and by its status ({@code FAILED}, {@code BAD_CONFIGURATION} with the same fields); the
 * component stays inert otherwise, so nothing half-made is ever registered.
 */
@Component(
        configurationPid = AccountConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = AccountConfig.class, factory = true)
public final class AccountComponent {

    private final ContactListeners contactListeners = new ContactListeners();
    private final StatusService status;
    private final AccountSession session;

    @Activate
    public AccountComponent(
            AccountConfig config,
            Map<String, Object> properties,
            BundleContext context,
            @Reference SmackRuntime smack,
            @Reference(service = LoggerFactory.class) Logger log) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", AccountConfig.FACTORY_PID));
        AccountSettings.Validation validation = AccountSettings.validate(config, properties);
        if (!validation.isValid()) {
            log.error("{}: invalid configuration, account not started: {}",
                    pid, String.join("; ", validation.problems()));
            status = new StatusService(context, configuredJid(properties), pid,
                    StatusTracker.failedFrom(Clock.systemUTC(), AccountProblems.badConfiguration(validation.problems())));
            session = null;
            return;
        }
        AccountSettings settings = validation.settings().orElseThrow();
        StatusTracker tracker = new StatusTracker(Clock.systemUTC());
        status = new StatusService(context, settings.jid().toString(), pid, tracker);
        session = new AccountSession(settings, pid, context, log, tracker, contactListeners);
        session.start();
    }

    /** The JID as written in an invalid configuration, so its status can still be told apart; empty if none. */
    private static String configuredJid(Map<String, Object> properties) {
        Object jid = properties.get("jid");
        String text = jid == null ? "" : jid.toString().strip();
        return text.chars().anyMatch(Character::isISOControl) ? "" : text;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindContactListener(ServiceReference<ContactListener> ref, ContactListener listener) {
        contactListeners.add(ref, listener);
    }

    void unbindContactListener(ServiceReference<ContactListener> ref) {
        contactListeners.remove(ref);
    }

    @Deactivate
    void deactivate() {
        if (session != null) {
            session.close();
        }
        status.close();
    }
}
