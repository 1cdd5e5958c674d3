package io.sift.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The contacts of one logged-in account: its roster, who is online, and who can receive files.
 *
 * <p>One service is registered per account while it is online (like {@link XmppAccount}), with the
 * service properties {@link XmppAccount#JID} and {@link AccountStatus#CONFIGURATION_PID}. What each
 * online resource can do is learned in the background from its service discovery answer (cached by
 * its entity capabilities version), so a resource that just came online may be
 * {@link FileTransferSupport#UNKNOWN} for a moment. Changes reach {@link ContactListener} services.
 *
 * @since 1.2
 */
@ProviderType
public interface ContactView {

    /** Bare JID of the account. */
    String account();

    /** Every roster entry, in the order of {@link Contact#BEST_FIRST}. */
    List<Contact> contacts();

    /** The roster entry of a bare JID (case as the server gives it; compared without case), if any. */
    Optional<Contact> contact(String jid);
}
