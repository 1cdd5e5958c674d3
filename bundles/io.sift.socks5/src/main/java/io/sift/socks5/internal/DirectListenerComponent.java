package io.sift.socks5.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Runs the direct streamhost, one per framework for every account, on the address and port of the
 * configuration shared with {@link Socks5Component}. It registers {@link DirectStreamhost} (inside
 * this bundle) only while it listens: not when direct connections are disabled, the configuration
 * is invalid (the method's component reports that), or the port cannot be bound.
 */
@Component(configurationPid = Socks5Config.PID, service = {})
public final class DirectListenerComponent {

    private final DirectListener listener;
    private final ServiceRegistration<DirectStreamhost> registration;

    @Activate
    public DirectListenerComponent(
            Socks5Config config,
            Map<String, Object> properties,
            BundleContext context,
            @Reference(service = LoggerFactory.class) Logger log) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", Socks5Config.PID));
        Socks5Settings settings = Socks5Settings.validate(config).settings().orElse(null);
        if (settings == null || !settings.directEnabled()) {
            listener = null;
            registration = null;
            return;
        }
        List<InetAddress> bind = BindAddresses.choose(settings.bindAddress(), settings.advertisedAddresses(),
                BindAddresses::isLocal);
        String where = BindAddresses.describe(bind, settings.port());
        DirectListener started;
        try {
            started = DirectListener.start(bind, settings.port(), settings.advertisedAddresses(),
                    settings.pendingLimits(), log);
        } catch (IOException | RuntimeException e) {
            log.error("{}: cannot listen for direct SOCKS5 connections on {}: {}; only proxies are offered.", pid,
                    where, e.toString());
            listener = null;
            registration = null;
            return;
        }
        listener = started;
        log.info("{}: direct SOCKS5 streamhost listening on {} (port {}), offered as {}.", pid, where,
                listener.port(), listener.addresses());
        registration = context.registerService(DirectStreamhost.class, listener, new Hashtable<>());
    }

    /** The running listener, or null; for tests. */
    DirectListener listener() {
        return listener;
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
        if (listener != null) {
            listener.stop();
        }
    }
}
