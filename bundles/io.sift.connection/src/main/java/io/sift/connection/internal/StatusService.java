package io.sift.connection.internal;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.sift.api.AccountState;
import io.sift.api.AccountStatus;
import io.sift.api.XmppAccount;

/**
 * The {@link AccountStatus} service of one account configuration: registered for as long as the
 * configuration's component is active, its properties updated with every change of state.
 */
final class StatusService implements AccountStatus, AutoCloseable {

    private final String jid;
    private final String pid;
    private final StatusTracker tracker;
    private final ServiceRegistration<AccountStatus> registration;

    /** @param jid the JID as configured, or empty when the configuration has none */
    StatusService(BundleContext context, String jid, String pid, StatusTracker tracker) {
        this.jid = jid;
        this.pid = pid;
        this.tracker = tracker;
        this.registration = context.registerService(AccountStatus.class, this, properties(tracker.current()));
        tracker.publishTo(state -> {
            try {
                registration.setProperties(properties(state));
            } catch (IllegalStateException unregistered) {
                // closing: the service is gone already
            }
        });
    }

    @Override
    public String jid() {
        return jid;
    }

    @Override
    public String configurationPid() {
        return pid;
    }

    @Override
    public AccountState current() {
        return tracker.current();
    }

    Hashtable<String, Object> properties(AccountState state) {
        Hashtable<String, Object> props = new Hashtable<>();
        if (!jid.isEmpty()) {
            props.put(XmppAccount.JID, jid);
        }
        props.put(CONFIGURATION_PID, pid);
        props.put(STATE, state.state().name());
        state.problem().ifPresent(p -> props.put(PROBLEM, p.kind().name()));
        return props;
    }

    @Override
    public void close() {
        tracker.close();
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework withdrew it first
        }
    }

    @Override
    public String toString() {
        return "AccountStatus[" + pid + ", " + jid + ", " + current() + "]";
    }
}
