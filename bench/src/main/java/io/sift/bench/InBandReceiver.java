package io.sift.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The receiving end of a raw in-band stream (XEP-0047), on its own thread: answers the open, each
 * data IQ and the close, checks every block's sequence number and stream id, and hands its text to
 * the payload. Blocks sent as messages advance {@link #received()}, by which the sender keeps its window.
 */
final class InBandReceiver implements Runnable {

    static final String NS = "http://jabber.org/protocol/ibb";

    private final XmppLink link;
    private final Payload payload;
    private final String sid;
    private final Progress received = new Progress();
    private volatile boolean closed;

    /** What the receiver does with each block's base64 text, in order. */
    interface Payload {
        void take(long index, ByteBuffer base64) throws IOException, BenchFailure;
    }

    InBandReceiver(XmppLink link, Payload payload, String sid) {
        this.link = link;
        this.payload = payload;
        this.sid = sid;
    }

    Progress received() {
        return received;
    }

    @Override
    public void run() {
        try {
            while (!closed) {
                Element e = link.read();
                if (e.name().equals("stream:error")) {
                    throw new BenchFailure("stream error at the receiver: " + e.shortText());
                }
                Optional<Element.Tag> child = e.child();
                if (child.isEmpty() || !(e.name().equals("iq") || e.name().equals("message"))) {
                    continue;
                }
                if (e.name().equals("message") || e.attribute("type").map("set"::equals).orElse(false)) {
                    handle(e, child.get());
                }
            }
        } catch (BenchFailure f) {
            received.fail(f);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                received.fail(new BenchFailure("in-band receiver: " + e));
            }
        }
    }

    private void handle(Element e, Element.Tag child) throws IOException, BenchFailure {
        switch (child.name()) {
            case "data" -> {
                take(e, child);
                if (e.name().equals("iq")) {
                    answer(e);
                }
                received.advance();
            }
            case "open" -> answer(e);
            case "close" -> {
                closed = true;
                answer(e);
            }
            default -> throw new BenchFailure("unexpected stanza at the receiver: " + e.shortText());
        }
    }

    private void take(Element e, Element.Tag data) throws IOException, BenchFailure {
        long index = received.done();
        String seq = Long.toString(index & 0xffff);
        if (!e.attribute(data, "seq").map(seq::equals).orElse(false) || !e.attribute(data, "sid").map(sid::equals)
                .orElse(false)) {
            throw new BenchFailure("block " + index + " arrived out of sequence or for another stream: "
                    + e.shortText());
        }
        payload.take(index, e.childText(data));
    }

    private void answer(Element iq) throws IOException, BenchFailure {
        String from = iq.attribute("from").orElseThrow(() -> new BenchFailure("no sender on " + iq.shortText()));
        String id = iq.attribute("id").orElseThrow(() -> new BenchFailure("no id on " + iq.shortText()));
        link.send("<iq type='result' id='" + id + "' to='" + from + "'/>");
    }

    /** Stops quietly: the link is about to be closed. */
    void stop() {
        closed = true;
    }
}
