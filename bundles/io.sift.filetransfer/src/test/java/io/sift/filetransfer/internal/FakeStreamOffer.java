package io.sift.filetransfer.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.packet.StandardExtensionElement;

import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.NegotiationException;
import io.sift.spi.PendingStream;
import io.sift.spi.StreamSession;

/** An incoming offer that records how it was answered ("accept", "decline:text", "bad-request:text"). */
final class FakeStreamOffer implements IncomingStreamOffer {

    static final StreamSession SESSION =
            new StreamSession(HubFixture.ACCOUNT, "sid-1", HubFixture.PEER, HubFixture.ACCOUNT + "/sift");

    final FakePendingStream pending = new FakePendingStream();
    final CountDownLatch accepted = new CountDownLatch(1);

    private final StandardExtensionElement payload;
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private volatile NegotiationException acceptFailure;
    private volatile Optional<StandardExtensionElement> answerPayload = Optional.empty();

    FakeStreamOffer(StandardExtensionElement payload) {
        this.payload = payload;
    }

    /** Makes {@link #accept} fail, as when the answer cannot be sent. */
    void failAcceptWith(NegotiationException e) {
        acceptFailure = e;
    }

    /** The profile's element in the accepting answer, as the sender would read it. */
    Optional<StandardExtensionElement> answerPayload() {
        return answerPayload.map(p -> {
            try {
                return Xml.parse(p.toXML().toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    List<String> answers() {
        return List.copyOf(answers);
    }

    @Override
    public StreamSession session() {
        return SESSION;
    }

    @Override
    public Optional<String> mimeType() {
        return Optional.of(FileElement.MIME_TYPE);
    }

    @Override
    public StandardExtensionElement payload() {
        return payload;
    }

    @Override
    public List<String> methods() {
        return List.of(FakeByteStream.METHOD);
    }

    @Override
    public PendingStream accept(Optional<StandardExtensionElement> answerPayload) throws NegotiationException {
        this.answerPayload = answerPayload;
        answers.add("accept");
        accepted.countDown();
        if (acceptFailure != null) {
            throw acceptFailure;
        }
        return pending;
    }

    @Override
    public void decline(String text) {
        answers.add("decline:" + text);
    }

    @Override
    public void refuseBusy(String text) {
        answers.add("busy:" + text);
    }

    @Override
    public void rejectAsBadRequest(String text) {
        answers.add("bad-request:" + text);
    }
}
