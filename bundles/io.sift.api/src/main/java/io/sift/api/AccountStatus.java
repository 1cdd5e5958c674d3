package io.sift.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The state of one account configuration, online or not.
 *
 * <p>One service is registered per account configuration for as long as the configuration exists,
 * also while the account is offline and when the configuration is invalid, so two configurations of
 * the same JID are two services. Service properties: {@link XmppAccount#JID} (the JID as configured;
 * absent when the configuration has none), {@link #CONFIGURATION_PID}, {@link #STATE} and, while
 * there is one, {@link #PROBLEM}.
 *
 * <p>Changes: the service's properties are updated on every change of state, so a
 * {@code ServiceListener}, {@code ServiceTracker#modifiedService} or a DS {@code updated} method
 * hears about each one (ServiceEvent.MODIFIED), and a target filter such as
 * {@code (&(sift.jid=alice@example.org)(sift.state=ONLINE))} follows the state. A refused login is
 * visible as soon as the server answers.
 *
 * @since 1.2
 */
@ProviderType
public interface AccountStatus {

    /** Service property: the PID of the account's configuration (factory PID {@code io.sift.connection}). */
    String CONFIGURATION_PID = "sift.configurationPid";

    /** Service property: the name of the current {@link ConnectionState}. */
    String STATE = "sift.state";

    /** Service property: the name of the current problem's {@link AccountProblem.Kind}; absent without one. */
    String PROBLEM = "sift.problem";

    /** The JID as configured (a bare JID once the configuration is valid); empty when none is configured. */
    String jid();

    /** The PID of the account's configuration. */
    String configurationPid();

    /** The state now. */
    AccountState current();
}
