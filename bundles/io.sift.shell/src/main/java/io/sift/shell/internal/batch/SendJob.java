package io.sift.shell.internal.batch;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.sift.api.FailureReason;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferListener;
import io.sift.api.TransferState;
import io.sift.shell.command.CommandFailure;
import io.sift.shell.internal.Console;
import io.sift.shell.internal.Sift;
import io.sift.shell.internal.UserPaths;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.Printable;

/**
 * {@code sift:send JID FILE...}: the files all at once (or one after another), each offered through
 * the account's current session: after a reconnect, files still to send wait for the account to be
 * back (up to the login timeout). A file whose transfer broke off may be sent again. Ctrl-C (an
 * interrupt of the command's thread) cancels every running transfer, which tells the peer.
 */
public final class SendJob {

    /** How often to try again while the receiver's presence has not arrived yet. */
    static final Duration PEER_RETRY = Duration.ofMillis(500);
    /** The first pause before sending a file again; it doubles with each retry, up to {@link #MAX_RETRY_PAUSE}. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);
    /** After Ctrl-C, how long to wait for the cancelled transfers to settle before printing their ends. */
    static final Duration CANCEL_SETTLE = Duration.ofSeconds(5);

    /**
     * What to send, as the user typed it.
     *
     * @param account the account to send from; null or blank: the only one online (or configured)
     * @param method a stream method's short name; null or blank: every method, best first
     * @param description shown to the receiver; null or blank: none
     * @param waitPeer how long to offer again while the receiver is not (yet) seen online
     * @param loginTimeout how long to wait for the account to be online, at the start and after it went offline
     * @param retries how many times a file whose transfer broke off is sent again
     */
    public record Request(String account, String peer, List<String> files, String method, String description,
            Duration waitPeer, Duration loginTimeout, boolean oneByOne, int retries, boolean reportCpu) {
    }

    private final Sift sift;
    private final BatchServices services;
    private final Console console;
    private final Reporter reporter;

    /**
     * @param forScripts {@code --no-format}: result lines on the output, the rest on the error stream
     * @param forceProgress {@code --progress}
     */
    public SendJob(Sift sift, BatchServices services, Console console, boolean forScripts, boolean forceProgress) {
        this.sift = sift;
        this.services = services;
        this.console = console;
        this.reporter = new Reporter(console, forScripts, forceProgress);
    }

    /**
     * Sends every file and waits for their ends.
     *
     * @throws CommandFailure the first failure: a file not delivered, the account not online, a bad argument
     * @throws InterruptedException after cancelling every transfer on Ctrl-C; their ends are printed first
     */
    public void run(Request request) throws CommandFailure, InterruptedException {
        List<Path> files = readableFiles(request.files());
        SendOptions options = options(request);
        AccountWait wait = new AccountWait(sift);
        String jid = wait.choose(request.account());
        TransferTimes times = new TransferTimes();
        try (AccountFiles account = services.follow(jid, reporter::say);
                BatchServices.Registered timing = services.register(TransferListener.class, times, Map.of())) {
            wait.awaitOnline(account, jid, request.loginTimeout());
            if (request.reportCpu()) {
                reporter.say("cpu-at-offer-nanos\t" + TransferTimes.processCpuNanos());
            }
            Instant peerDeadline = Instant.now().plus(request.waitPeer());
            List<FileSend> sends = files.stream()
                    .map(f -> new FileSend(account, wait, jid, f, request, options, peerDeadline)).toList();
            ExecutorService senders = Executors.newFixedThreadPool(
                    request.oneByOne() ? 1 : Math.min(sends.size(), 64), runnable -> {
                        Thread t = new Thread(runnable, "sift-send");
                        t.setDaemon(true);
                        return t;
                    });
            try {
                CommandFailure first = null;
                if (request.oneByOne()) {
                    for (FileSend send : sends) {
                        first = firstOf(first, finish(follow(List.of(send), senders), times));
                    }
                } else {
                    first = finish(follow(sends, senders), times);
                }
                if (request.reportCpu()) {
                    reporter.say(times.cpuAtEndLine());
                }
                if (first != null) {
                    throw first;
                }
            } finally {
                senders.shutdownNow();
            }
        }
    }

    /** Starts the sends and draws their joint progress until every one has ended; Ctrl-C cancels them all. */
    private List<FileSend> follow(List<FileSend> sends, ExecutorService senders) throws InterruptedException {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (FileSend send : sends) {
            running.add(CompletableFuture.runAsync(send, senders));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        try {
            // the bar starts with the first offer, so that its first frame shows the wait for an answer
            CompletableFuture.anyOf(all, CompletableFuture.anyOf(sends.stream().map(FileSend::offered)
                    .toArray(CompletableFuture[]::new))).get();
            reporter.follow(all, () -> sends.stream().map(FileSend::current).filter(Objects::nonNull).toList());
        } catch (ExecutionException e) {
            // a send that failed ends with its transfer's state: finish() tells it
        } catch (InterruptedException e) {
            // a cancel sends a stanza to the peer, which an interrupted thread could not
            Thread.interrupted();
            sends.forEach(FileSend::cancel);
            senders.shutdownNow();
            settle(sends);
            for (FileSend send : sends) {
                Transfer t = send.current();
                if (t != null) {
                    reporter.ended(t, t.peer(), "-\t-\t" + io.sift.shell.text.ResultLine.check(t), false);
                    // scripts get the result line; whoever stopped the command says why
                    reporter.tell(Outcome.line(t, Duration.between(t.started(), Instant.now())));
                }
            }
            throw e;
        }
        return sends;
    }

    private static void settle(List<FileSend> sends) {
        long deadline = System.nanoTime() + CANCEL_SETTLE.toNanos();
        for (FileSend send : sends) {
            Transfer t = send.current();
            if (t == null) {
                continue;
            }
            try {
                t.completion().toCompletableFuture().get(Math.max(1, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // print whatever state it has reached
            }
        }
    }

    /** Each file's end, in the order given; returns the first failure, if any. */
    private CommandFailure finish(List<FileSend> sends, TransferTimes times) throws CommandFailure,
            InterruptedException {
        CommandFailure first = null;
        for (FileSend send : sends) {
            Transfer t = send.result();
            times.awaitEnd(t.id());
            boolean delivered = delivered(t);
            reporter.ended(t, t.peer(), times.columns(t.id(), t.started(), Instant.now()) + "\t"
                    + io.sift.shell.text.ResultLine.check(t), delivered);
            if (!delivered) {
                first = firstOf(first, new CommandFailure(CommandFailure.TRANSFER_FAILED,
                        Outcome.line(t, Duration.between(t.started(), Instant.now()))));
            }
        }
        return first;
    }

    /**
     * A transfer that broke off for a reason that may pass (the stream, the peer or the server went
     * away, a timeout, a corrupted copy): worth sending again, and the receiver continues where it
     * stopped. A refusal, a local problem, or a peer never reached (the wait for the peer decides
     * that) is not.
     */
    static boolean brokeOff(Transfer t) {
        if (t.state() != TransferState.FAILED || t.failure().isEmpty()) {
            return false;
        }
        FailureReason reason = t.failure().get().reason();
        if (reason == FailureReason.PEER_UNAVAILABLE && t.bytesTransferred() == 0) {
            return false;
        }
        return switch (reason) {
            case STREAM_FAILED, STREAM_METHOD_GONE, TIMEOUT, PEER_UNAVAILABLE, ACCOUNT_OFFLINE, HASH_MISMATCH,
                    SIZE_MISMATCH -> true;
            default -> false;
        };
    }

    /** The pause before retry {@code retry} (from 0): doubling from {@link #RETRY_PAUSE}, at most {@link #MAX_RETRY_PAUSE}. */
    static Duration retryPause(int retry) {
        Duration pause = RETRY_PAUSE.multipliedBy(1L << Math.min(retry, 10));
        return pause.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause;
    }

    /**
     * Completed (the receiver confirmed the file) or sent (every byte went out and the stream closed
     * cleanly; a receiver that is not SIFT has no way to confirm): the result line tells which.
     */
    static boolean delivered(Transfer t) {
        return t.state() == TransferState.COMPLETED || t.state() == TransferState.SENT;
    }

    private static CommandFailure firstOf(CommandFailure first, CommandFailure next) {
        return first != null ? first : next;
    }

    /** Checked before anything is offered: a typo should not cost a wait. */
    private List<Path> readableFiles(List<String> names) throws CommandFailure {
        List<Path> files = new ArrayList<>();
        Set<Path> fileNames = new HashSet<>();
        for (String name : names) {
            Path file;
            try {
                file = UserPaths.resolve(console.currentDirectory(), name);
            } catch (InvalidPathException e) {
                throw new CommandFailure(CommandFailure.USAGE, "not a valid file name: " + Printable.of(name));
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new CommandFailure(CommandFailure.USAGE, "not a readable file: " + file);
            }
            if (!fileNames.add(file.getFileName())) {
                // the receiver would store the second as "name (1)": it could not tell them apart
                throw new CommandFailure(CommandFailure.USAGE, "two files named " + file.getFileName());
            }
            files.add(file);
        }
        return files;
    }

    private static SendOptions options(Request request) throws CommandFailure {
        SendOptions options = SendOptions.defaults();
        if (request.description() != null && !request.description().isBlank()) {
            options = options.withDescription(request.description());
        }
        if (request.method() != null && !request.method().isBlank()) {
            String name = request.method();
            String namespace = StreamMethods.fromName(name).orElseThrow(() -> new CommandFailure(CommandFailure.USAGE,
                    "unknown stream method '" + Printable.of(name) + "' (use ibb or socks5)"));
            options = options.withMethods(List.of(namespace));
        }
        return options;
    }

    /**
     * One file's send, run on its own thread: offered again while the receiver's presence has not
     * arrived yet (just logged in), until the wait for the peer is over, and after it broke off as
     * often as retries are allowed; each offer from the account's current session.
     */
    private final class FileSend implements Runnable {

        private final AccountFiles account;
        private final AccountWait wait;
        private final String jid;
        private final Path file;
        private final Request request;
        private final SendOptions options;
        private final Instant peerDeadline;
        private final AtomicReference<Transfer> current = new AtomicReference<>();
        private final CompletableFuture<Void> offered = new CompletableFuture<>();
        private volatile CommandFailure refused;
        private volatile boolean cancelled;
        private int retried;

        FileSend(AccountFiles account, AccountWait wait, String jid, Path file, Request request, SendOptions options,
                Instant peerDeadline) {
            this.account = account;
            this.wait = wait;
            this.jid = jid;
            this.file = file;
            this.request = request;
            this.options = options;
            this.peerDeadline = peerDeadline;
        }

        @Override
        public void run() {
            try {
                while (!cancelled) {
                    FileTransferService service = wait.awaitOnline(account, jid, request.loginTimeout());
                    Transfer transfer;
                    try {
                        transfer = service.send(request.peer(), file, options);
                    } catch (IllegalArgumentException e) {
                        refused = new CommandFailure(CommandFailure.USAGE, "cannot send " + file.getFileName() + ": "
                                + e.getMessage());
                        return;
                    }
                    // told before the progress bar may show it: the bar is drawn on the line below
                    reporter.tell("Sending " + Printable.of(transfer.fileName()) + " from " + service.account()
                            + " to " + Printable.of(request.peer()) + " (transfer " + transfer.id() + ")");
                    current.set(transfer);
                    offered.complete(null);
                    if (cancelled) {
                        transfer.cancel();
                    }
                    transfer.completion().toCompletableFuture().exceptionally(e -> transfer).join();
                    Duration pause;
                    if (notOnlineYet(transfer) && Instant.now().isBefore(peerDeadline)) {
                        pause = PEER_RETRY;
                    } else if (brokeOff(transfer) && retried < request.retries()) {
                        pause = retryPause(retried++);
                        reporter.say("sift: " + Outcome.line(transfer, Duration.between(transfer.started(),
                                Instant.now())) + "; sending it again in " + pause.toSeconds() + " s (retry "
                                + retried + " of " + request.retries() + ")");
                    } else {
                        return;
                    }
                    TimeUnit.MILLISECONDS.sleep(pause.toMillis());
                }
            } catch (CommandFailure e) {
                refused = new CommandFailure(e.exitStatus(), "cannot send " + file.getFileName() + ": "
                        + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static boolean notOnlineYet(Transfer t) {
            return t.state() == TransferState.FAILED
                    && t.failure().map(f -> f.reason() == FailureReason.PEER_UNAVAILABLE).orElse(false);
        }

        /** The last attempt, once run() has ended. */
        Transfer result() throws CommandFailure {
            if (refused != null) {
                throw refused;
            }
            Transfer t = current.get();
            if (t == null) {
                throw new CommandFailure(CommandFailure.TRANSFER_FAILED, "cannot send " + file.getFileName()
                        + ": interrupted");
            }
            return t;
        }

        Transfer current() {
            return current.get();
        }

        /** Completes once the file was offered the first time. */
        CompletableFuture<Void> offered() {
            return offered;
        }

        void cancel() {
            cancelled = true;
            Transfer t = current.get();
            if (t != null) {
                t.cancel();
            }
        }
    }
}
