package io.sift.shell.internal.notices;

import java.io.IOError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.apache.karaf.shell.api.console.Session;
import org.jline.reader.LineReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.sift.api.Direction;
import io.sift.api.TransferEvent;
import io.sift.api.TransferListener;
import io.sift.shell.internal.NoticeLines;
import io.sift.shell.internal.Notices;
import io.sift.shell.internal.Sift;

/**
 * One-line notices on the interactive sessions of Karaf's shell: an offer that waits for
 * {@code sift:accept} (posted by the offer asker), and a received file that arrived, failed or was
 * cancelled (heard as a {@link TransferListener}).
 *
 * <p>Karaf keeps no list of its sessions. The local console registers itself as a {@link Session}
 * service; every other console (ssh, one a program opens) is learned when it runs its first command,
 * which for Karaf's consoles is the start-up script they run as they open: this is a
 * {@link CommandSessionListener} that keeps the JLine reader of each session it sees (never the
 * command). Headless sessions (scripts, commands run through the API) have no reader and get no
 * notices. A notice is printed with the reader's {@code printAbove}, which puts it above the prompt
 * and draws the prompt and what the user is typing again below it. Readers are held weakly and
 * dropped when printing fails, so closed sessions are forgotten.
 *
 * <p>Enabled by {@link io.sift.shell.internal.ShellChoice} only where Karaf's shell and JLine are
 * wired to this bundle (elsewhere its classes could not even load). Notices are printed on a thread
 * of their own: a slow remote terminal must hold up neither a transfer nor an offer.
 */
@Component(enabled = false, service = {TransferListener.class, Notices.class, CommandSessionListener.class})
public final class ConsoleNotices implements TransferListener, Notices, CommandSessionListener {

    static final String READER = ".jline.reader";

    private final Sift sift;
    private final ExecutorService printer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sift-console-notices");
        t.setDaemon(true);
        return t;
    });
    private final Map<LineReader, Boolean> seen = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<Session> consoles = ConcurrentHashMap.newKeySet();

    @Activate
    public ConsoleNotices(@Reference Sift sift) {
        this.sift = sift;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindConsole(Session session) {
        consoles.add(session);
    }

    void unbindConsole(Session session) {
        consoles.remove(session);
    }

    // --- sessions

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        if (session.get(READER) instanceof LineReader reader) {
            seen.put(reader, Boolean.TRUE);
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        // nothing: the session was noted before
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // nothing: the session was noted before
    }

    // --- notices

    @Override
    public void transferEvent(TransferEvent event) {
        if (event.direction() != Direction.INCOMING) {
            return;
        }
        switch (event.type()) {
            case COMPLETED, FAILED, CANCELLED ->
                post(NoticeLines.received(event, sift.transfer(event.transferId()).orElse(null)));
            default -> {
                // offers are noticed by the asker when they wait for an answer; progress is not news
            }
        }
    }

    @Override
    public void post(String line) {
        try {
            printer.execute(() -> print(line));
        } catch (RejectedExecutionException stopping) {
            // the bundle stops: nobody is left to print for
        }
    }

    private void print(String line) {
        for (LineReader reader : readers()) {
            try {
                reader.printAbove(line);
            } catch (RuntimeException | IOError closed) {
                seen.remove(reader);
            }
        }
    }

    /** The readers of the known interactive sessions, each once. */
    private List<LineReader> readers() {
        Set<LineReader> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Session console : consoles) {
            if (console.get(READER) instanceof LineReader reader) {
                all.add(reader);
            }
        }
        synchronized (seen) {
            all.addAll(seen.keySet());
        }
        return new ArrayList<>(all);
    }

    @Deactivate
    void deactivate() {
        printer.shutdown();
        try {
            printer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printer.shutdownNow();
    }
}
