package io.sift.shell.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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

import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.shell.text.Printable;
import io.sift.shell.text.Sizes;

/**
 * The "ask" policy: while {@code askOffers} is on, an {@link OfferHandler} holds every incoming offer
 * until an administrator answers it with {@code sift:accept} or {@code sift:decline}. The handler is
 * registered only while asking is on, so with it off the file transfer bundle never waits on the shell.
 * Immediate: the handler must be in place whether or not a command is running (the commands, a
 * delayed component, come and go with each use).
 *
 * <p>Each held offer is logged and posted as a notice to the shells that show notices (Karaf's
 * console sessions), so the people who are to answer learn of it at once.
 */
@Component(configurationPid = ShellConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = OfferAsker.class, immediate = true)
@Designate(ocd = ShellConfig.class)
public final class OfferAsker {

    private final Logger log;
    private final PendingOffers offers = new PendingOffers();
    private final ShellSettings settings;
    private final ServiceRegistration<OfferHandler> handler;
    private final Set<Notices> notices = new CopyOnWriteArraySet<>();

    @Activate
    public OfferAsker(ShellConfig config, BundleContext context,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        ShellSettings.Validation validation = ShellSettings.validate(config);
        if (validation.settings().isEmpty()) {
            log.error("{}: invalid configuration, offers are not held for an answer: {}", ShellConfig.PID,
                    String.join("; ", validation.problems()));
            settings = null;
            handler = null;
            return;
        }
        settings = validation.settings().get();
        handler = settings.askOffers() ? context.registerService(OfferHandler.class, this::ask, null) : null;
    }

    /** Whether offers wait for an answer now. */
    public boolean isAsking() {
        return handler != null;
    }

    /** The offers waiting for an answer, oldest first. */
    public List<PendingOffers.Pending> pending() {
        return offers.pending();
    }

    public Optional<PendingOffers.Pending> get(String transferId) {
        return offers.get(transferId);
    }

    boolean accept(String transferId, Path directory) {
        return offers.accept(transferId, directory);
    }

    boolean decline(String transferId) {
        return offers.decline(transferId);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindNotices(Notices board) {
        notices.add(board);
    }

    void unbindNotices(Notices board) {
        notices.remove(board);
    }

    private OfferDecision ask(IncomingOffer offer) {
        log.info("Offer {} to {} from {}: {} ({}){}; answer with 'sift:accept {} [directory]' or 'sift:decline {}' "
                        + "within {} s.",
                offer.transferId(), offer.account(), Printable.of(offer.peer()), Printable.of(offer.fileName()),
                Sizes.bytes(offer.size()), offer.description().map(d -> ", \"" + Printable.of(d) + "\"").orElse(""),
                offer.transferId(), offer.transferId(), settings.askTimeout().toSeconds());
        String notice = NoticeLines.offer(offer, settings.askTimeout());
        notices.forEach(board -> board.post(notice));
        OfferDecision onTimeout = settings.timeoutAction() == ShellSettings.TimeoutAction.DECLINE
                ? OfferDecision.decline("no answer in time")
                : OfferDecision.pass();
        OfferDecision decision = offers.await(offer, settings.askTimeout(), onTimeout);
        log.info("Offer {} ({}): {}", offer.transferId(), Printable.of(offer.fileName()), decision);
        return decision;
    }

    @Deactivate
    void deactivate() {
        if (handler != null) {
            try {
                handler.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdrew it while the bundle stopped
            }
        }
        offers.close();
    }
}
