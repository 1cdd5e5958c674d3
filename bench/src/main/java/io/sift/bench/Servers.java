package io.sift.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's servers, each started when a case first needs it and all stopped at the end (also on
 * Ctrl-C): the tuned Prosody most cases use, a Prosody with the packaged read size, an ejabberd.
 */
final class Servers implements AutoCloseable {

    private final Prosody prosody;
    private final Prosody stockProsody;
    private final Ejabberd ejabberd;
    private final List<XmppServer> started = new ArrayList<>();

    Servers(Path project) {
        this.prosody = Prosody.tuned(project);
        this.stockProsody = Prosody.stock(project);
        this.ejabberd = new Ejabberd(project);
    }

    XmppServer prosody() throws IOException, InterruptedException, BenchFailure {
        return started(prosody);
    }

    XmppServer stockProsody() throws IOException, InterruptedException, BenchFailure {
        return started(stockProsody);
    }

    XmppServer ejabberd() throws IOException, InterruptedException, BenchFailure {
        return started(ejabberd);
    }

    private synchronized XmppServer started(XmppServer server) throws IOException, InterruptedException,
            BenchFailure {
        if (!started.contains(server)) {
            System.out.println("(starting " + server.name() + ")");
            // listed first, so that a start that failed halfway is still stopped
            started.add(server);
            server.start();
        }
        return server;
    }

    /** The processes of the servers started so far (not counted as the machine's other load). */
    synchronized java.util.Set<Long> pids() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        started.forEach(server -> server.pid().ifPresent(pids::add));
        return pids;
    }

    /** Stops every server started, the last first. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (IOException | InterruptedException e) {
                System.err.println("bench: stopping " + started.get(i).name() + " failed: " + e);
            }
        }
        started.clear();
    }
}
