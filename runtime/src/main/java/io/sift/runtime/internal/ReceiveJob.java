package io.sift.runtime.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import io.sift.api.Direction;
import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;
import io.sift.api.TransferState;
import io.sift.api.XmppAccount;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.ResultLine;

/**
 * {@code receive}: accepts the next N offers to one account into a directory, whatever the
 * configured policy says (its offer handler ranks above every other), and prints one result line
 * per file once it has ended. It follows the account across reconnects: the handler and the
 * listener do not depend on a session, and each ended transfer is looked up in whichever session
 * received it.
 */
final class ReceiveJob {

    private final BundleContext context;
    private final PrintStream out;
    private final PrintStream err;
    private final TransferTimes times;

    ReceiveJob(BundleContext context, PrintStream out, PrintStream err, TransferTimes times) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.times = times;
    }

    int run(AccountFiles files, Path directory, int count, Duration timeout, boolean reportCpu)
            throws CliFailure, InterruptedException {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        BlockingQueue<String> ended = new LinkedBlockingQueue<>();
        OfferHandler handler = offer -> decide(offer, accepted, count, directory);
        TransferListener listener = event -> {
            if (event.direction() == Direction.INCOMING && isFinal(event.type())
                    && accepted.contains(event.transferId())) {
                ended.add(event.transferId());
            }
        };
        Hashtable<String, Object> handlerProps = new Hashtable<>();
        handlerProps.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        handlerProps.put(XmppAccount.JID, files.account());
        ServiceRegistration<OfferHandler> handlerRegistration =
                context.registerService(OfferHandler.class, handler, handlerProps);
        ServiceRegistration<TransferListener> listenerRegistration =
                context.registerService(TransferListener.class, listener, null);
        try {
            err.println("Ready: " + files.account() + " is online and accepts " + count + " file"
                    + (count == 1 ? "" : "s") + " into " + directory);
            err.flush();
            Instant deadline = timeout.isZero() ? null : Instant.now().plus(timeout);
            int completed = 0;
            String lastFailure = null;
            for (int done = 0; done < count; done++) {
                String id = next(ended, deadline);
                if (id == null) {
                    throw new CliFailure(CliFailure.TIMED_OUT, "timed out after " + timeout.toSeconds()
                            + " s: " + completed + " of " + count + " file" + (count == 1 ? "" : "s") + " received");
                }
                Optional<Transfer> transfer = files.transfer(id);
                if (transfer.isEmpty()) {
                    lastFailure = "transfer " + id + " ended but is no longer known";
                    err.println("sift: " + lastFailure);
                    err.flush();
                    continue;
                }
                Transfer t = transfer.get();
                if (report(t)) {
                    completed++;
                } else {
                    lastFailure = Outcome.line(t, Duration.between(t.started(), Instant.now()));
                }
            }
            if (reportCpu) {
                err.println(times.cpuAtEndLine());
                err.flush();
            }
            if (completed < count) {
                throw new CliFailure(CliFailure.TRANSFER_FAILED, (count - completed) + " of " + count
                        + " transfers did not complete; last: " + lastFailure);
            }
            return 0;
        } finally {
            unregister(handlerRegistration);
            unregister(listenerRegistration);
        }
    }

    private static OfferDecision decide(IncomingOffer offer, Set<String> accepted, int count, Path directory) {
        synchronized (accepted) {
            if (accepted.contains(offer.transferId())) {
                return OfferDecision.acceptInto(directory);
            }
            if (accepted.size() >= count) {
                return OfferDecision.decline("the receiver takes no more files");
            }
            accepted.add(offer.transferId());
            return OfferDecision.acceptInto(directory);
        }
    }

    private boolean report(Transfer t) throws InterruptedException {
        times.awaitEnd(t.id());
        Duration elapsed = Duration.between(t.started(), Instant.now());
        Path file = t.file().orElse(null);
        out.println(ResultLine.of(t, file == null ? null : file.toString()) + "\t"
                + times.columns(t.id(), t.started(), Instant.now()) + "\t" + ResultLine.check(t));
        out.flush();
        err.println(Outcome.line(t, elapsed));
        err.flush();
        return t.state() == TransferState.COMPLETED && file != null;
    }

    private static String next(BlockingQueue<String> ended, Instant deadline) throws InterruptedException {
        if (deadline == null) {
            return ended.take();
        }
        long millis = Duration.between(Instant.now(), deadline).toMillis();
        return millis <= 0 ? ended.poll() : ended.poll(millis, TimeUnit.MILLISECONDS);
    }

    private static boolean isFinal(TransferEvent.Type type) {
        return type == TransferEvent.Type.COMPLETED || type == TransferEvent.Type.SENT
                || type == TransferEvent.Type.FAILED
                || type == TransferEvent.Type.CANCELLED || type == TransferEvent.Type.DECLINED;
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }
}
