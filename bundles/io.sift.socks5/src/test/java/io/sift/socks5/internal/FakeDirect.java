package io.sift.socks5.internal;

import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A direct streamhost that records announcements and hands over what the test gives it. */
final class FakeDirect implements DirectStreamhost {

    private final List<String> addresses;
    private final int port;
    final List<String> announced = new ArrayList<>(); // guarded by this
    /** Announcements withdrawn. */
    final AtomicInteger withdrawn = new AtomicInteger();
    /** The connection take() returns; null: none arrives. */
    volatile SocketChannel arriving;

    FakeDirect(int port, String... addresses) {
        this.port = port;
        this.addresses = List.of(addresses);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<String> addresses() {
        return addresses;
    }

    @Override
    public synchronized Arrival expect(String dstAddr) {
        announced.add(dstAddr);
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return new Arrival() {
            @Override
            public SocketChannel take(long timeoutMillis) {
                return arriving;
            }

            @Override
            public void close() {
                // closing twice withdraws once
                if (closed.compareAndSet(false, true)) {
                    withdrawn.incrementAndGet();
                }
            }
        };
    }

    synchronized List<String> announced() {
        return List.copyOf(announced);
    }
}
