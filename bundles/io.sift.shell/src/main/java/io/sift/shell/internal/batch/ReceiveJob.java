package io.sift.shell.internal.batch;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Constants;

import io.sift.api.Direction;
import io.sift.api.IncomingOffer;
import io.sift.api.OfferDecision;
import io.sift.api.OfferHandler;
import io.sift.api.Transfer;
import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;
import io.sift.api.TransferState;
import io.sift.api.XmppAccount;
import io.sift.shell.command.CommandFailure;
import io.sift.shell.internal.Console;
import io.sift.shell.internal.Sift;
import io.sift.shell.internal.UserPaths;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.Printable;
import io.sift.shell.text.ResultLine;

/**
 * {@code sift:receive}: accepts the next N offers to one account into a directory, whatever the
 * configured policy says (its offer handler ranks above every other), and tells the end of each
 * file. It follows the account across reconnects: the handler and the listener do not depend on a
 * session, and each ended transfer is looked up in whichever session received it. Ctrl-C cancels
 * the files being received (the sender is told, and no partial file stays).
 */
public final class ReceiveJob {

    /**
     * What to receive.
     *
     * @param timeout how long to wait in all; zero: no limit
     */
    public record Request(String account, String into, int count, Duration timeout, Duration loginTimeout,
            boolean reportCpu) {
    }

    private final Sift sift;
    private final BatchServices services;
    private final Console console;
    private final Reporter reporter;

    public ReceiveJob(Sift sift, BatchServices services, Console console, boolean forScripts, boolean forceProgress) {
        this.sift = sift;
        this.services = services;
        this.console = console;
        this.reporter = new Reporter(console, forScripts, forceProgress);
    }

    /**
     * Receives {@code count} files, each told as it ends.
     *
     * @throws CommandFailure when not every file completed, the wait is over, or the account is not online
     * @throws InterruptedException after cancelling the running receptions on Ctrl-C
     */
    public void run(Request request) throws CommandFailure, InterruptedException {
        Path directory = directory(request.into());
        AccountWait wait = new AccountWait(sift);
        String jid = wait.choose(request.account());
        TransferTimes times = new TransferTimes();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Queue queue = new Queue();
        OfferHandler handler = offer -> decide(offer, accepted, request.count(), directory);
        TransferListener listener = event -> {
            if (event.direction() == Direction.INCOMING && accepted.contains(event.transferId())) {
                queue.event(event);
            }
        };
        try (AccountFiles account = services.follow(jid, reporter::say);
                BatchServices.Registered timing = services.register(TransferListener.class, times, Map.of());
                BatchServices.Registered handling = services.register(OfferHandler.class, handler,
                        Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE, XmppAccount.JID, jid));
                BatchServices.Registered listening = services.register(TransferListener.class, listener, Map.of())) {
            wait.awaitOnline(account, jid, request.loginTimeout());
            reporter.say("Ready: " + account.account() + " is online and accepts " + request.count() + " file"
                    + (request.count() == 1 ? "" : "s") + " into " + directory);
            Instant deadline = request.timeout().isZero() ? null : Instant.now().plus(request.timeout());
            int completed = 0;
            String lastFailure = null;
            try {
                for (int done = 0; done < request.count(); done++) {
                    String id = next(queue, account, deadline);
                    if (id == null) {
                        throw new CommandFailure(CommandFailure.TIMED_OUT, "timed out after "
                                + request.timeout().toSeconds() + " s: " + completed + " of " + request.count()
                                + " file" + (request.count() == 1 ? "" : "s") + " received");
                    }
                    Optional<Transfer> transfer = account.transfer(id);
                    if (transfer.isEmpty()) {
                        lastFailure = "transfer " + id + " ended but is no longer known";
                        reporter.say("sift: " + lastFailure);
                        continue;
                    }
                    Transfer t = transfer.get();
                    times.awaitEnd(t.id());
                    boolean stored = t.state() == TransferState.COMPLETED && t.file().isPresent();
                    reporter.ended(t, t.file().map(Path::toString).orElse(null),
                            times.columns(t.id(), t.started(), Instant.now()) + "\t" + ResultLine.check(t), stored);
                    if (stored) {
                        completed++;
                    } else {
                        lastFailure = Outcome.line(t, Duration.between(t.started(), Instant.now()));
                        reporter.say(lastFailure);
                    }
                }
            } catch (InterruptedException e) {
                // a cancel sends a stanza to the peer, which an interrupted thread could not
                Thread.interrupted();
                cancel(queue.running(account));
                throw e;
            }
            if (request.reportCpu()) {
                reporter.say(times.cpuAtEndLine());
            }
            if (completed < request.count()) {
                throw new CommandFailure(CommandFailure.TRANSFER_FAILED, (request.count() - completed) + " of "
                        + request.count() + " transfers did not complete; last: " + lastFailure);
            }
        }
    }

    private Path directory(String into) throws CommandFailure {
        Path directory;
        try {
            directory = UserPaths.resolve(console.currentDirectory(), into == null || into.isBlank() ? "." : into)
                    .normalize();
        } catch (InvalidPathException e) {
            throw new CommandFailure(CommandFailure.USAGE, "not a valid directory name: " + Printable.of(into));
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new CommandFailure(CommandFailure.USAGE, "not a directory: " + directory);
        }
        return directory;
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

    /** The next ended transfer's id, drawing the running ones' progress meanwhile; null when the time is over. */
    private String next(Queue queue, AccountFiles account, Instant deadline) throws InterruptedException {
        CompletableFuture<Void> arrival = queue.arrival();
        if (deadline != null) {
            long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            arrival = arrival.orTimeout(millis, TimeUnit.MILLISECONDS).exceptionally(timedOut -> null);
        }
        reporter.follow(arrival, () -> queue.running(account));
        return queue.ended.poll();
    }

    /** Cancels the running receptions, and waits a little for them to end: their partial files go. */
    private void cancel(List<Transfer> running) {
        running.forEach(Transfer::cancel);
        long deadline = System.nanoTime() + SendJob.CANCEL_SETTLE.toNanos();
        for (Transfer t : running) {
            try {
                t.completion().toCompletableFuture().get(Math.max(1, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // told as it is
            }
            reporter.ended(t, null, "-\t-\t" + ResultLine.check(t), false);
            // scripts get the result line; whoever stopped the command says why
            reporter.tell(Outcome.line(t, Duration.between(t.started(), Instant.now())));
        }
    }

    /** The accepted transfers: those under way, and the ids of those that ended, in the order they ended. */
    private static final class Queue {

        final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
        private final java.util.Queue<String> started = new ConcurrentLinkedQueue<>();
        private final Set<String> finished = ConcurrentHashMap.newKeySet();

        private CompletableFuture<Void> arrival = new CompletableFuture<>();

        /** Completes once an ended transfer waits in {@link #ended}: at once if one does. */
        synchronized CompletableFuture<Void> arrival() {
            if (!ended.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (arrival.isDone()) {
                arrival = new CompletableFuture<>();
            }
            return arrival;
        }

        void event(TransferEvent event) {
            if (isFinal(event.type())) {
                if (finished.add(event.transferId())) {
                    ended.add(event.transferId());
                    synchronized (this) {
                        arrival.complete(null);
                    }
                }
            } else if (!started.contains(event.transferId())) {
                started.add(event.transferId());
            }
        }

        List<Transfer> running(AccountFiles account) {
            List<Transfer> running = new ArrayList<>();
            for (String id : started) {
                if (!finished.contains(id)) {
                    account.transfer(id).filter(t -> !t.state().isFinal()).ifPresent(running::add);
                }
            }
            return running;
        }

        private static boolean isFinal(TransferEvent.Type type) {
            return type == TransferEvent.Type.COMPLETED || type == TransferEvent.Type.SENT
                    || type == TransferEvent.Type.FAILED
                    || type == TransferEvent.Type.CANCELLED || type == TransferEvent.Type.DECLINED;
        }
    }
}
