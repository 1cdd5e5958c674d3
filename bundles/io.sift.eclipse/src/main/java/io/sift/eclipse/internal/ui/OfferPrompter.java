package io.sift.eclipse.internal.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.api.Transfer;
import io.sift.eclipse.internal.EclipseConfig;
import io.sift.eclipse.internal.Settings;
import io.sift.eclipse.internal.SiftAccess;

/**
 * The "ask" preference: every incoming offer is put to the person in an {@link OfferPromptDialog},
 * and an accepted file is followed by a {@link ReceiveJob} in the Progress view. SIFT asks offer
 * handlers on a waiting thread of its own, so this one may wait for the answer; it declines when the
 * person has not answered in time, and passes (the configured policy decides) when there is no user
 * interface to ask on.
 */
@Component(configurationPid = EclipseConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "service.ranking:Integer=100")
@Designate(ocd = EclipseConfig.class)
public final class OfferPrompter implements OfferHandler {

    private final EclipseConfig config;
    private final BundleContext context;
    private final SiftAccess access;
    private final Settings settings;
    private final Logger log;

    @Activate
    public OfferPrompter(EclipseConfig config, BundleContext context, @Reference SiftAccess access,
            @Reference Settings settings, @Reference(service = LoggerFactory.class) Logger log) {
        this.config = config;
        this.context = context;
        this.access = access;
        this.settings = settings;
        this.log = log;
    }

    @Override
    public OfferDecision decide(IncomingOffer offer) {
        if (!config.askOffers()) {
            return OfferDecision.pass();
        }
        Optional<Display> found = Displays.find(context);
        if (found.isEmpty()) {
            log.info("No user interface to ask about {} from {}: the offer policy decides", offer.fileName(), offer.peer());
            return OfferDecision.pass();
        }
        Display display = found.get();
        CompletableFuture<OfferDecision> answer = new CompletableFuture<>();
        AtomicReference<OfferPromptDialog> prompt = new AtomicReference<>();
        Path folder = settings.downloadDirectory();
        display.asyncExec(() -> {
            OfferPromptDialog dialog = new OfferPromptDialog(display.getActiveShell(), offer, folder,
                    dir -> answer.complete(OfferDecision.acceptInto(dir)),
                    () -> answer.complete(OfferDecision.decline()));
            prompt.set(dialog);
            dialog.open();
        });
        Duration timeout = Duration.ofSeconds(Math.max(1, config.askTimeoutSeconds()));
        OfferDecision decision;
        try {
            decision = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            decision = OfferDecision.decline("no answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            decision = OfferDecision.decline();
        } catch (ExecutionException e) {
            decision = OfferDecision.decline();
        }
        // the prompt goes away however the offer was decided
        display.asyncExec(() -> Optional.ofNullable(prompt.get()).filter(d -> d.getShell() != null).ifPresent(OfferPromptDialog::close));
        if (decision.isAccept()) {
            follow(offer, display);
        }
        return decision;
    }

    private void follow(IncomingOffer offer, Display display) {
        Optional<Transfer> transfer = access.sender(offer.account()).flatMap(s -> s.transfer(offer.transferId()));
        if (transfer.isEmpty()) {
            log.warn("Accepted {} from {}, but its transfer is not listed: it is not shown in the Progress view",
                    offer.fileName(), offer.peer());
            return;
        }
        new ReceiveJob(transfer.get(), new Notifier(display)).schedule();
    }
}
