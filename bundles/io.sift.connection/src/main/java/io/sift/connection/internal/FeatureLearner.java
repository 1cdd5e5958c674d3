package io.sift.connection.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.Jid;

import io.sift.api.FileTransferSupport;

/**
 * Learns whether each online resource of a contact can receive files, from its service discovery
 * answer (XEP-0030), without holding up whoever asks: the first question about a resource answers
 * {@link FileTransferSupport#UNKNOWN} and starts a query; when the answer arrives, the resource is
 * reported to the {@code learned} callback and later questions get the answer.
 *
 * <p>A resource that announces entity capabilities (XEP-0115) is asked about {@code node#ver}, and a
 * SHA-1 answer that hashes to its {@code ver} is kept in the {@link FeatureCache}, so every other
 * resource with the same version is known without a query. One without capabilities is asked
 * directly. What a resource is known to do holds until its capabilities change or it goes offline
 * ({@link #forget}). At most {@link #MAX_IN_FLIGHT} queries are out at once: an account with a big
 * roster coming online must not flood its server.
 */
final class FeatureLearner implements AutoCloseable {

    static final String SI = "http://jabber.org/protocol/si";
    static final String FILE_TRANSFER = "http://jabber.org/protocol/si/profile/file-transfer";
    static final int MAX_IN_FLIGHT = 4;

    /** Sends a disco#info query to {@code to} (with {@code node} unless it is null); completes with the answer. */
    interface Query {
        CompletionStage<DiscoverInfo> ask(Jid to, String node);
    }

    /** What a resource's current capabilities say; {@code capsKey} tells when they changed. */
    private record Known(String capsKey, FileTransferSupport support) {
    }

    /** One query, answered for every resource that waits for it. */
    private record Request(String key, Jid to, CapsExtension caps) {
    }

    private final Query query;
    private final FeatureCache cache;
    private final Consumer<Jid> learned;

    private final Map<Jid, Known> known = new HashMap<>(); // guarded by this
    /** Per query key: the resources waiting for it, with the capabilities each one announced. */
    private final Map<String, Map<Jid, String>> waiting = new HashMap<>(); // guarded by this
    private final Deque<Request> queued = new ArrayDeque<>(); // guarded by this
    private int inFlight; // guarded by this
    private boolean closed; // guarded by this

    FeatureLearner(Query query, FeatureCache cache, Consumer<Jid> learned) {
        this.query = query;
        this.cache = cache;
        this.learned = learned;
    }

    /** What {@code resource} (a full JID) with these capabilities (null: none announced) can do, as far as known. */
    FileTransferSupport support(Jid resource, CapsExtension caps) {
        if (verifiable(caps)) {
            var features = cache.get(caps.getVer());
            if (features.isPresent()) {
                return classify(features.get());
            }
        }
        String capsKey = capsKey(caps);
        Request request = null;
        synchronized (this) {
            Known k = known.get(resource);
            if (k != null && k.capsKey().equals(capsKey)) {
                return k.support();
            }
            if (closed) {
                return FileTransferSupport.UNKNOWN;
            }
            String key = verifiable(caps) ? "ver " + caps.getVer() : "jid " + resource + " " + capsKey;
            Map<Jid, String> waiters = waiting.get(key);
            if (waiters == null) {
                waiters = new LinkedHashMap<>();
                waiting.put(key, waiters);
                request = new Request(key, resource, caps);
            }
            waiters.put(resource, capsKey);
            if (request != null) {
                queued.addLast(request);
            }
        }
        pump();
        return FileTransferSupport.UNKNOWN;
    }

    /** The resource went offline: what it could do is asked again if it comes back. */
    synchronized void forget(Jid resource) {
        known.remove(resource);
    }

    static FileTransferSupport classify(Set<String> features) {
        return features.contains(SI) && features.contains(FILE_TRANSFER)
                ? FileTransferSupport.SUPPORTED : FileTransferSupport.UNSUPPORTED;
    }

    private void pump() {
        while (true) {
            Request next;
            synchronized (this) {
                if (closed || inFlight >= MAX_IN_FLIGHT || queued.isEmpty()) {
                    return;
                }
                next = queued.removeFirst();
                inFlight++;
            }
            ask(next, next.caps() == null ? null : next.caps().getNode() + '#' + next.caps().getVer());
        }
    }

    private void ask(Request request, String node) {
        CompletionStage<DiscoverInfo> answer;
        try {
            answer = query.ask(request.to(), node);
        } catch (RuntimeException e) {
            answered(request, FileTransferSupport.UNKNOWN);
            return;
        }
        answer.whenComplete((info, error) -> {
            if (info != null) {
                answered(request, learn(request.caps(), info));
            } else if (node != null && error instanceof XMPPErrorException) {
                // a peer that cannot answer for its node may still answer for itself
                ask(request, null);
            } else {
                // an error answer: it does not even do service discovery, so no Stream Initiation either;
                // no answer at all (timeout, connection gone): unknown, and not asked again for these caps
                answered(request, error instanceof XMPPErrorException
                        ? FileTransferSupport.UNSUPPORTED : FileTransferSupport.UNKNOWN);
            }
        });
    }

    /** The answer's verdict; kept by version when its hash proves it belongs to that version. */
    private FileTransferSupport learn(CapsExtension caps, DiscoverInfo info) {
        Set<String> features = new HashSet<>();
        info.getFeatures().forEach(f -> features.add(f.getVar()));
        if (verifiable(caps) && caps.getVer().equals(
                CapsVersion.of(info.getIdentities(), features, info.getExtensions(DataForm.class)))) {
            cache.put(caps.getVer(), features);
        }
        return classify(features);
    }

    private void answered(Request request, FileTransferSupport support) {
        Map<Jid, String> waiters;
        synchronized (this) {
            inFlight--;
            waiters = waiting.remove(request.key());
            if (waiters == null || closed) {
                waiters = Map.of();
            }
            waiters.forEach((jid, capsKey) -> known.put(jid, new Known(capsKey, support)));
        }
        waiters.keySet().forEach(learned);
        pump();
    }

    private static boolean verifiable(CapsExtension caps) {
        return caps != null && caps.getVer() != null && "sha-1".equalsIgnoreCase(caps.getHash());
    }

    private static String capsKey(CapsExtension caps) {
        return caps == null ? "" : caps.getNode() + '#' + caps.getVer() + ' ' + caps.getHash();
    }

    @Override
    public synchronized void close() {
        closed = true;
        queued.clear();
        waiting.clear();
    }
}
