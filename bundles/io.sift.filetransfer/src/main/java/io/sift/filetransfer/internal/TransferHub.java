package io.sift.filetransfer.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.log.Logger;

import io.sift.api.Direction;
import io.sift.api.FailureReason;
import io.sift.api.TransferState;
import io.sift.negotiation.StreamInitiator;

/**
 * What all transfers of this component share: settings, the stream initiator, the offer decider,
 * the event dispatcher, the worker threads, the idle watchdog, and the accounts online now.
 */
final class TransferHub implements AutoCloseable {

    private static final long WATCHDOG_PERIOD_MILLIS = 500;
    /**
     * After the peer went offline, how long without data before its transfer fails: bytes it wrote
     * before leaving may still be on their way (through a proxy, in socket buffers).
     */
    static final Duration PEER_GONE_GRACE = Duration.ofSeconds(2);

    /** Replaced as a whole when the configuration changes; transfers read it when they need a value. */
    private volatile TransferSettings settings;
    final StreamInitiator initiator;
    final OfferDecider decider;
    final EventDispatcher events;
    final Logger log;
    /** Hashes of files sent lately, so a re-send does not read the file twice. */
    final DigestCache digests = new DigestCache(256);

    private final Map<String, AccountFileTransfers> accounts = new ConcurrentHashMap<>();
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    private final Map<Path, Long> lastSweeps = new ConcurrentHashMap<>();
    /** The partial files this component's transfers hold now (see {@link PartFile}). */
    private final Set<Path> heldParts = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService watchdog;
    /** Incoming transfers while they wait for a decision or their stream; bounded by the offer limits. */
    private final ExecutorService waiting;
    /** Hashes beside the copy loops: at most one task per transfer that moves data, so bounded by the transfer limits. */
    private final ExecutorService hashThreads;
    private final Hashers hashers;
    private volatile boolean closed;

    TransferHub(TransferSettings settings, StreamInitiator initiator, EventDispatcher events, Logger log) {
        this.settings = settings;
        this.initiator = initiator;
        this.events = events;
        this.log = log;
        this.decider = new OfferDecider(settings.offerPolicy(), settings.downloadDirectory(), log);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.maxConcurrentTransfers(), settings.maxConcurrentTransfers(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sift-transfer-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true);
        AtomicInteger w = new AtomicInteger();
        this.waiting = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sift-offer-" + w.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger h = new AtomicInteger();
        this.hashThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sift-hash-" + h.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.hashers = Hashers.forThisMachine(hashThreads);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sift-transfer-watchdog");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.watchdog = scheduler;
        watchdog.scheduleWithFixedDelay(this::failIdleTransfers, WATCHDOG_PERIOD_MILLIS, WATCHDOG_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    TransferRecord newRecord(AccountFileTransfers account, String peer, Direction direction, String fileName,
            long size, Optional<String> description, Path file) {
        String id = "t" + ids.incrementAndGet();
        TransferRecord record = new TransferRecord(id, account.account(), peer, direction, fileName, size,
                description, file, events);
        account.remember(record);
        return record;
    }

    /**
     * Runs a transfer's work on a worker thread (at most {@code maxConcurrentTransfers} run at once); a
     * cancel interrupts it.
     *
     * @return false if it was not started (shutting down; the record says so)
     */
    boolean start(TransferRecord record, Runnable work) {
        return submit(workers, record, work);
    }

    /**
     * Runs the part of an incoming transfer that waits (for a decision, for the stream) on a thread of
     * its own, so that waiting offers never hold the workers that move data. How many wait at once is
     * bounded by the offer limits ({@link AccountFileTransfers#refusesIncoming}).
     */
    boolean startWaiting(TransferRecord record, Runnable work) {
        return submit(waiting, record, work);
    }

    private boolean submit(ExecutorService executor, TransferRecord record, Runnable work) {
        if (closed) {
            record.failed(FailureReason.SHUTDOWN, "file transfer is shutting down");
            return false;
        }
        try {
            RunningWork running = new RunningWork(work);
            record.interruptWith(running::interrupt);
            executor.execute(running);
            return true;
        } catch (RejectedExecutionException e) {
            record.failed(FailureReason.SHUTDOWN, "file transfer is shutting down");
            return false;
        }
    }

    void accountOnline(AccountFileTransfers account) {
        accounts.put(account.account(), account);
    }

    void accountOffline(String jid) {
        AccountFileTransfers gone = accounts.remove(jid);
        if (gone != null) {
            gone.failActive(FailureReason.ACCOUNT_OFFLINE, jid + " went offline");
        }
    }

    Optional<AccountFileTransfers> account(String jid) {
        return Optional.ofNullable(accounts.get(jid));
    }

    private void failIdleTransfers() {
        TransferSettings settings = this.settings;
        long limit = settings.idleTimeout().toNanos();
        for (AccountFileTransfers account : accounts.values()) {
            for (var transfer : account.active()) {
                TransferRecord record = (TransferRecord) transfer;
                if (record.isPeerGone() && record.idleNanos() > PEER_GONE_GRACE.toNanos()) {
                    record.failAndUndo(FailureReason.PEER_UNAVAILABLE, record.peer() + " went offline");
                } else if ((record.state() == TransferState.TRANSFERRING
                        || record.state() == TransferState.NEGOTIATING) && !record.isChecking()
                        && record.idleNanos() > limit) {
                    record.failAndUndo(FailureReason.TIMEOUT,
                            "no data moved for " + settings.idleTimeout().toSeconds() + " s");
                }
            }
        }
    }

    TransferSettings settings() {
        return settings;
    }

    /**
     * Deletes the expired partial files of a download directory, at most once a minute per directory
     * (it lists the directory).
     */
    void sweepPartFiles(Path directory) {
        long now = System.nanoTime();
        Long last = lastSweeps.get(directory);
        if (last != null && now - last < SWEEP_INTERVAL.toNanos()) {
            return;
        }
        lastSweeps.put(directory, now);
        int deleted = PartFile.sweep(directory, settings.partExpiry(), heldParts);
        if (deleted > 0) {
            log.info("Deleted {} partial file(s) older than {} h in {}", deleted, settings.partExpiry().toHours(),
                    directory);
        }
    }

    Set<Path> heldParts() {
        return heldParts;
    }

    /** Where a transfer's hashing runs: beside its copy loop or in it. */
    Hashers hashers() {
        return hashers;
    }

    /**
     * Applies a changed configuration without touching running transfers: they finish with what they
     * started with where it matters (their target file), and pick up new time limits.
     */
    void reconfigure(TransferSettings next) {
        settings = next;
        decider.configure(next.offerPolicy(), next.downloadDirectory());
        int threads = next.maxConcurrentTransfers();
        if (threads >= workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(threads);
            workers.setCorePoolSize(threads);
        } else {
            workers.setCorePoolSize(threads);
            workers.setMaximumPoolSize(threads);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (AccountFileTransfers account : accounts.values()) {
            account.failActive(FailureReason.SHUTDOWN, "file transfer stopped");
        }
        accounts.clear();
        watchdog.shutdownNow();
        workers.shutdownNow();
        hashThreads.shutdownNow();
        waiting.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
