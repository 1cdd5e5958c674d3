package io.sift.socks5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** Finding the proxies of an account's server, and how long what was found is kept. */
class ProxyDirectoryTest {

    private static final Streamhost PROXY = new Streamhost("proxy.localhost", "127.0.0.1", 7777);

    private final FakeTransport transport = new FakeTransport();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final TestLog log = new TestLog();

    private ProxyDirectory directory(Map<String, Object> config) {
        return new ProxyDirectory("alice@localhost", "localhost", ConfigProxy.settings(config), transport, clock::get,
                log.logger());
    }

    private static List<Streamhost> get(CompletableFuture<List<Streamhost>> proxies) throws Exception {
        return proxies.get(5, TimeUnit.SECONDS);
    }

    private static DiscoverItems items(IQ request, String... jids) {
        DiscoverItems items = new DiscoverItems();
        items.setType(IQ.Type.result);
        items.setStanzaId(request.getStanzaId());
        for (String jid : jids) {
            items.addItem(new DiscoverItems.Item(JidCreate.fromOrThrowUnchecked(jid)));
        }
        return items;
    }

    private static DiscoverInfo info(IQ request, String category, String type) {
        DiscoverInfo info = new DiscoverInfo();
        info.setType(IQ.Type.result);
        info.setStanzaId(request.getStanzaId());
        info.addIdentity(new DiscoverInfo.Identity(category, "name", type));
        return info;
    }

    private static BytestreamQuery address(IQ request, String jid, String host, String port) {
        return BytestreamQuery.received(StanzaBuilder.buildIqData(request.getStanzaId()).ofType(IQ.Type.result),
                null, null, List.of(new BytestreamQuery.RawStreamhost(jid, host, port)), null, null);
    }

    /** Answers the server's items, their infos and the proxy's address as Prosody does. */
    private void answerLikeProsody() throws Exception {
        FakeTransport.Request items = transport.nextRequest();
        DiscoverItems itemsRequest = assertInstanceOf(DiscoverItems.class, items.iq);
        assertEquals("localhost", itemsRequest.getTo().toString());
        assertEquals(IQ.Type.get, itemsRequest.getType());
        items.answer(items(items.iq, "proxy.localhost", "conference.localhost"));

        for (int i = 0; i < 2; i++) {
            FakeTransport.Request info = transport.nextRequest();
            assertInstanceOf(DiscoverInfo.class, info.iq);
            if (info.iq.getTo().toString().equals("proxy.localhost")) {
                info.answer(info(info.iq, "proxy", "bytestreams"));
            } else {
                info.answer(info(info.iq, "conference", "text"));
            }
        }
        FakeTransport.Request ask = transport.nextRequest();
        BytestreamQuery query = assertInstanceOf(BytestreamQuery.class, ask.iq);
        assertEquals(IQ.Type.get, query.getType());
        assertEquals("proxy.localhost", query.getTo().toString());
        ask.answer(address(ask.iq, "proxy.localhost", "127.0.0.1", "7777"));
    }

    @Test
    void serverItemsWithTheProxyIdentityAreAskedForTheirAddress() throws Exception {
        ProxyDirectory directory = directory(Map.of());
        CompletableFuture<List<Streamhost>> proxies = directory.proxies();
        answerLikeProsody();
        assertEquals(List.of(PROXY), get(proxies));
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void completeLookupIsReusedForTheCacheTime() throws Exception {
        ProxyDirectory directory = directory(Map.of("proxyCacheSeconds", 600L));
        CompletableFuture<List<Streamhost>> first = directory.proxies();
        answerLikeProsody();
        get(first);

        clock.addAndGet(TimeUnit.SECONDS.toNanos(599));
        assertEquals(List.of(PROXY), get(directory.proxies()));
        assertTrue(transport.requests.isEmpty(), "asked again within the cache time");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        CompletableFuture<List<Streamhost>> again = directory.proxies();
        answerLikeProsody();
        assertEquals(List.of(PROXY), get(again));
    }

    @Test
    void failedLookupIsNotKept() throws Exception {
        ProxyDirectory directory = directory(Map.of());
        CompletableFuture<List<Streamhost>> first = directory.proxies();
        transport.nextRequest().timeout();
        assertEquals(List.of(), get(first));

        CompletableFuture<List<Streamhost>> second = directory.proxies();
        answerLikeProsody();
        assertEquals(List.of(PROXY), get(second));
    }

    @Test
    void lookupWithAnUnansweredQuestionIsUsedOnceButNotKept() throws Exception {
        ProxyDirectory directory = directory(Map.of());
        CompletableFuture<List<Streamhost>> first = directory.proxies();
        FakeTransport.Request items = transport.nextRequest();
        items.answer(items(items.iq, "proxy.localhost", "slow.localhost"));
        for (int i = 0; i < 2; i++) {
            FakeTransport.Request info = transport.nextRequest();
            if (info.iq.getTo().toString().equals("proxy.localhost")) {
                info.answer(info(info.iq, "proxy", "bytestreams"));
            } else {
                info.timeout();
            }
        }
        FakeTransport.Request ask = transport.nextRequest();
        ask.answer(address(ask.iq, "proxy.localhost", "127.0.0.1", "7777"));
        assertEquals(List.of(PROXY), get(first));

        directory.proxies();
        assertInstanceOf(DiscoverItems.class, transport.nextRequest().iq, "asked again");
    }

    @Test
    void refusalsAreAnswersAndAreKept() throws Exception {
        ProxyDirectory directory = directory(Map.of());
        CompletableFuture<List<Streamhost>> first = directory.proxies();
        FakeTransport.Request items = transport.nextRequest();
        items.answer(items(items.iq, "proxy.localhost"));
        FakeTransport.Request info = transport.nextRequest();
        info.answer(info(info.iq, "proxy", "bytestreams"));
        // Prosody refuses its proxy to users of other servers
        transport.nextRequest().error(StanzaError.Condition.forbidden);
        assertEquals(List.of(), get(first));
        assertEquals(List.of(), get(directory.proxies()));
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void unusableAddressesAreSkipped() throws Exception {
        ProxyDirectory directory = directory(Map.of());
        CompletableFuture<List<Streamhost>> proxies = directory.proxies();
        FakeTransport.Request items = transport.nextRequest();
        items.answer(items(items.iq, "proxy.localhost"));
        FakeTransport.Request info = transport.nextRequest();
        info.answer(info(info.iq, "proxy", "bytestreams"));
        FakeTransport.Request ask = transport.nextRequest();
        ask.answer(address(ask.iq, "proxy.localhost", "127.0.0.1", "0"));
        assertEquals(List.of(), get(proxies));
    }

    @Test
    void configuredProxiesFollowTheDiscoveredOnesAndTheirAddressesWin() throws Exception {
        ProxyDirectory directory = directory(Map.of("proxies", new String[] {
            "relay.example.org 192.0.2.1:7000", "proxy.localhost 203.0.113.5:7777", "asked.example.org"}));
        CompletableFuture<List<Streamhost>> proxies = directory.proxies();
        for (int i = 0; i < 2; i++) {
            FakeTransport.Request request = transport.nextRequest();
            if (request.iq instanceof DiscoverItems) {
                request.answer(items(request.iq, "proxy.localhost"));
            } else {
                assertEquals("asked.example.org", request.iq.getTo().toString());
                request.answer(address(request.iq, "asked.example.org", "198.51.100.7", "1080"));
            }
        }
        FakeTransport.Request info = transport.nextRequest();
        info.answer(info(info.iq, "proxy", "bytestreams"));
        FakeTransport.Request ask = transport.nextRequest();
        ask.answer(address(ask.iq, "proxy.localhost", "127.0.0.1", "7777"));

        assertEquals(List.of(new Streamhost("relay.example.org", "192.0.2.1", 7000),
                new Streamhost("proxy.localhost", "203.0.113.5", 7777),
                new Streamhost("asked.example.org", "198.51.100.7", 1080)), get(proxies));
    }

    @Test
    void withoutDiscoveryOnlyConfiguredProxiesAreOfferedAndThoseWithAnAddressAreNotAsked() throws Exception {
        ProxyDirectory directory = directory(Map.of("discoverProxies", false,
                "proxies", new String[] {"proxy.localhost 127.0.0.1:7777"}));
        assertEquals(List.of(PROXY), get(directory.proxies()));
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void concurrentCallersShareOneLookup() throws Exception {
        ProxyDirectory directory = directory(Map.of());
        CompletableFuture<List<Streamhost>> first = directory.proxies();
        CompletableFuture<List<Streamhost>> second = directory.proxies();
        directory.prefetch();
        answerLikeProsody();
        assertEquals(List.of(PROXY), get(first));
        assertEquals(List.of(PROXY), get(second));
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void itemsThatAreNotProxiesAreNotAskedForAnAddress() throws Exception {
        ProxyDirectory directory = directory(Map.of());
        CompletableFuture<List<Streamhost>> proxies = directory.proxies();
        FakeTransport.Request items = transport.nextRequest();
        items.answer(items(items.iq, "pubsub.localhost"));
        FakeTransport.Request info = transport.nextRequest();
        info.answer(info(info.iq, "pubsub", "service"));
        assertEquals(List.of(), get(proxies));
        assertFalse(transport.requests.stream().anyMatch(r -> r.iq instanceof BytestreamQuery));
    }
}
