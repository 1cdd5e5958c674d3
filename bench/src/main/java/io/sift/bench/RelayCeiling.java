package io.sift.bench;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SOCKS5 proxy ceiling of a server: the file through its proxy65 with nothing else around it.
 * Two raw SOCKS5 connections ask for the same stream (the target's first, as XEP-0065 has it), alice
 * activates it with the bytestreams activate IQ, and the bytes go from one socket to the other
 * through the proxy, disk to disk, checked by SHA-256. Verified, each end also hashes what it moves
 * as a SIFT peer does ({@link SocketCopy#copyVerified}): the bound of a checked transfer through that
 * proxy, whose CPU is what such a transfer cannot do without.
 */
final class RelayCeiling implements Ceiling {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final XmppServer server;
    private final Path work;
    private final boolean verified;

    private RelayCeiling(XmppServer server, Path work, boolean verified) {
        this.server = server;
        this.work = work;
        this.verified = verified;
    }

    static RelayCeiling plain(XmppServer server, Path work) {
        return new RelayCeiling(server, work, false);
    }

    static RelayCeiling verified(XmppServer server, Path work) {
        return new RelayCeiling(server, work, true);
    }

    @Override
    public String label() {
        return verified ? "bound: proxy65 relay + SHA-256 both ends" : "ceiling: proxy65 relay";
    }

    @Override
    public Role role() {
        return verified ? Role.BOUND : Role.CEILING;
    }

    @Override
    public Measurement measure(Path file, String sha) throws IOException, InterruptedException, BenchFailure {
        String sid = "relay-" + RUNS.incrementAndGet() + "-" + System.nanoTime();
        // the target need not be online: the proxy only matches the two connections' hash
        String target = "bob@" + Peers.DOMAIN + "/relay";
        Path copy = work.resolve("relay.bin");
        Peers.settle(List.of(file));
        long millis;
        double serverCpu;
        double ownCpu;
        try (XmppLink alice = XmppLink.login(server.xmppPort(), Peers.DOMAIN, "alice", "alice-secret", sid)) {
            String hash = Socks5Connect.hash(sid, alice.jid(), target);
            try (SocketChannel targetSide = Socks5Connect.open(server.proxyPort(), hash);
                    SocketChannel initiatorSide = Socks5Connect.open(server.proxyPort(), hash)) {
                alice.send("<iq type='set' id='activate' to='" + server.proxyJid() + "'><query xmlns="
                        + "'http://jabber.org/protocol/bytestreams' sid='" + sid + "'><activate>" + target
                        + "</activate></query></iq>");
                alice.awaitResult("activate");
                double serverBefore = server.cpuSeconds();
                double ownBefore = ProcStat.thisProcessCpuSeconds();
                long timeoutSeconds = 90 + Files.size(file) / (1L << 20);
                millis = verified
                        ? SocketCopy.copyVerified(file, copy, initiatorSide, targetSide, timeoutSeconds, sha, true)
                        : SocketCopy.copy(file, copy, initiatorSide, targetSide, timeoutSeconds);
                serverCpu = server.cpuSeconds() - serverBefore;
                ownCpu = ProcStat.thisProcessCpuSeconds() - ownBefore;
            }
        }
        if (!Sha256.of(copy).equals(sha)) {
            throw new BenchFailure("the copy through " + server.name() + "'s proxy differs from its source");
        }
        Files.delete(copy);
        return new Measurement(Files.size(file), Math.max(1, millis), Double.NaN, ownCpu + serverCpu, serverCpu, -1,
                0);
    }
}
