package io.sift.ibb.internal;

import java.util.Optional;

/** The stanza that carries the data blocks of a stream: the {@code stanza} attribute of {@code <open/>}. */
enum DataStanza {
    /** Each block is an IQ set that the receiver acknowledges: flow control, ordered, reliable. */
    IQ("iq"),
    /** Each block is a message: no acknowledgements, so nothing slows a sender down. */
    MESSAGE("message");

    private final String attribute;

    DataStanza(String attribute) {
        this.attribute = attribute;
    }

    /** The value as XEP-0047 spells it. */
    String attribute() {
        return attribute;
    }

    /** The value of a received attribute; XML attribute values are case-sensitive, so only the XEP's spelling counts. */
    static Optional<DataStanza> fromAttribute(String value) {
        for (DataStanza s : values()) {
            if (s.attribute.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
