package io.sift.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * One end of a loopback copy in a process of its own, started fresh for each copy as a transfer's
 * peers are ({@link LoopbackProcesses}):
 *
 * <pre>
 * receive TARGET SIZE plain|verified   prints "port N", then "received BYTES MILLIS CPU SHA|-"
 * send PORT SOURCE plain|verified      prints "sent CPU SHA|-"
 * </pre>
 *
 * MILLIS runs from the connection's arrival to the last byte written; CPU is this process's, all its
 * threads, over the copy alone. A verified end first hashes 64 MiB of zeros, enough for the JVM to
 * compile its digest code, as a SIFT process warms its own before its first transfer; only then does
 * it say it is ready.
 */
final class LoopbackPeer {

    private static final long WARM_UP_BYTES = 64L << 20;

    private LoopbackPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[3].equals("plain") || args[3].equals("verified"))) {
            System.err.println("usage: receive TARGET SIZE plain|verified | send PORT SOURCE plain|verified");
            System.exit(2);
        }
        boolean verified = args[3].equals("verified");
        if (verified) {
            warmUpSha256();
        }
        switch (args[0]) {
            case "receive" -> receive(Path.of(args[1]), Long.parseLong(args[2]), verified);
            case "send" -> send(Integer.parseInt(args[1]), Path.of(args[2]), verified);
            default -> {
                System.err.println("unknown side: " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void receive(Path target, long size, boolean verified) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            System.out.println("port " + ((InetSocketAddress) server.getLocalAddress()).getPort());
            System.out.flush();
            try (SocketChannel socket = server.accept()) {
                double cpuBefore = ProcStat.thisProcessCpuSeconds();
                long start = System.nanoTime();
                SocketCopy.Received got = SocketCopy.receiveFile(socket, target, size, verified);
                long millis = (System.nanoTime() - start) / 1_000_000;
                double cpu = ProcStat.thisProcessCpuSeconds() - cpuBefore;
                System.out.println(String.format(Locale.ROOT, "received %d %d %.3f %s", got.bytes(), millis, cpu,
                        got.sha() == null ? "-" : got.sha()));
            }
        }
    }

    private static void send(int port, Path source, boolean verified) throws IOException, BenchFailure {
        try (SocketChannel socket = SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            double cpuBefore = ProcStat.thisProcessCpuSeconds();
            String sha = SocketCopy.sendFile(source, socket, verified);
            double cpu = ProcStat.thisProcessCpuSeconds() - cpuBefore;
            System.out.println(String.format(Locale.ROOT, "sent %.3f %s", cpu, sha == null ? "-" : sha));
        }
    }

    /** One hasher buffer of zeros hashed again and again: the digest's loop runs hot enough to be compiled. */
    private static void warmUpSha256() {
        MessageDigest digest = Sha256.digest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(CopyHasher.BUFFER);
        for (long hashed = 0; hashed < WARM_UP_BYTES; hashed += buffer.capacity()) {
            digest.update(buffer.clear());
        }
        digest.digest();
    }
}
