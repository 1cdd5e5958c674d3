package io.sift.shell.internal.batch;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.sift.shell.command.CommandFailure;

/**
 * What {@code sift:send} and {@code sift:receive} need of the framework while they run: following an
 * account's file transfer service across its sessions, and services of their own (the receiver's offer
 * handler, the transfers' timing) for as long as they run.
 */
@Component(service = BatchServices.class)
public final class BatchServices {

    private final BundleContext context;

    @Activate
    public BatchServices(BundleContext context) {
        this.context = context;
    }

    /** Follows {@code jid}'s file transfer service; {@code notices} hears when it goes offline and comes back. */
    AccountFiles follow(String jid, Consumer<String> notices) throws CommandFailure {
        return AccountFiles.open(context, jid, notices);
    }

    /** Registers a service until the returned registration is closed. */
    <S> Registered register(Class<S> type, S service, Map<String, Object> properties) {
        Dictionary<String, Object> props = new Hashtable<>(properties);
        return new Registered(context.registerService(type, service, props));
    }

    /** A service registered for the time a command runs. */
    static final class Registered implements AutoCloseable {

        private final ServiceRegistration<?> registration;

        Registered(ServiceRegistration<?> registration) {
            this.registration = registration;
        }

        @Override
        public void close() {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
    }
}
