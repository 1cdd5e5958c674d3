package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.log.Logger;

import io.sift.common.Printable;
import io.sift.connection.AccountConnection;
import io.sift.spi.ByteStream;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamException;
import io.sift.spi.StreamMethod;
import io.sift.spi.StreamSession;

/**
 * The in-band stream method: one {@link AccountBinding} per logged-in account, and each session
 * served by the binding of its account.
 */
final class IbbStreamMethod implements StreamMethod {

    private final IbbSettings settings;
    private final PeerRules oneBlockAtATime;
    private final IbbProviders providers;
    private final Logger log;
    /** One for every account's streams: compiled code serves them all. */
    private final CodecWarmUp warmUp = new CodecWarmUp();

    // guarded by this; keyed by identity: a reconnected account is a new service object
    private final Map<AccountConnection, AccountBinding> bindings = new IdentityHashMap<>();
    private boolean closed;

    /** @param oneBlockAtATime the quirk table: peers that get one block at a time */
    IbbStreamMethod(IbbSettings settings, PeerRules oneBlockAtATime, IbbProviders providers, Logger log) {
        this.settings = settings;
        this.oneBlockAtATime = oneBlockAtATime;
        this.providers = providers;
        this.log = log;
    }

    @Override
    public String namespace() {
        return Ibb.NAMESPACE;
    }

    @Override
    public ByteStream open(StreamSession session) throws StreamException, InterruptedException {
        return endpointOf(session).open(session);
    }

    @Override
    public PendingStream expect(StreamSession session) throws StreamException {
        return endpointOf(session).expect(session);
    }

    synchronized void bind(AccountConnection account) {
        if (closed || bindings.containsKey(account)) {
            return;
        }
        // Smack has initialised by the time an account is logged in, with smack-extensions' ibb providers
        providers.register();
        bindings.put(account, new AccountBinding(account, settings, oneBlockAtATime, warmUp::startOnce, log));
    }

    void unbind(AccountConnection account) {
        AccountBinding binding;
        synchronized (this) {
            binding = bindings.remove(account);
        }
        if (binding != null) {
            binding.close(StreamException.Kind.OFFLINE, "the account " + account.jid() + " went offline");
        }
    }

    /** Ends every account's streams with METHOD_GONE and takes the providers out of Smack. */
    void shutdown() {
        List<AccountBinding> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(bindings.values());
            bindings.clear();
        }
        for (AccountBinding binding : all) {
            binding.close(StreamException.Kind.METHOD_GONE, "the in-band stream method was stopped");
        }
        providers.unregister();
    }

    private IbbEndpoint endpointOf(StreamSession session) throws StreamException {
        String account = session.account().toLowerCase(Locale.ROOT);
        synchronized (this) {
            if (closed) {
                throw new StreamException(StreamException.Kind.METHOD_GONE, "the in-band stream method was stopped");
            }
            for (AccountBinding binding : bindings.values()) {
                if (binding.account().jid().toLowerCase(Locale.ROOT).equals(account)) {
                    return binding.endpoint();
                }
            }
        }
        throw new StreamException(StreamException.Kind.OFFLINE,
                "the account " + Printable.of(session.account()) + " is not logged in");
    }
}
