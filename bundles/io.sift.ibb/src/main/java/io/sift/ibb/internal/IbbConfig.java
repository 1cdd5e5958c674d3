package io.sift.ibb.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the in-band bytestream method (PID {@code io.sift.ibb}). */
@ObjectClassDefinition(
        id = IbbConfig.PID,
        name = "SIFT in-band bytestreams",
        description = "XEP-0047 In-Band Bytestreams: file data carried inside XMPP stanzas. "
                + "Slower than SOCKS5, but works whenever both sides can exchange stanzas.")
public @interface IbbConfig {

    String PID = "io.sift.ibb";

    @AttributeDefinition(name = "Block size",
            description = "Raw bytes per block (before base64) that this side sends.", min = "1", max = "65535")
    int blockSize() default 65535;

    @AttributeDefinition(name = "Adaptive block size",
            description = "Send blocks of the size that moves data fastest through this server, rather than "
                    + "always the full block size: 1 MiB each of 16 KiB and full-size blocks is timed, and of 4 KiB "
                    + "blocks unless full-size ones came through more than twice as fast as 16 KiB ones; "
                    + "carried on from one stream to the next to the same peer, and later streams to it use the "
                    + "fastest; after 16 MiB more, in one stream or several, or a second in one stream, all are "
                    + "timed again over 4 MiB or half a second each (a quarter of a megabyte for a size at less "
                    + "than half the pace of the fastest), and later streams use the fastest without timing (all "
                    + "afresh after 10 minutes).")
    boolean adaptiveBlockSize() default true;

    @AttributeDefinition(name = "Window",
            description = "Data IQs sent before their acknowledgement arrived; 1 is strict stop-and-wait. "
                    + "A server that relays big blocks at a full core does less work per byte when more of them "
                    + "wait in its socket: it reads several at once.",
            min = "1", max = "1024")
    int window() default 64;

    @AttributeDefinition(name = "One block at a time",
            description = "Peers that process in-band data out of order unless each block is acknowledged "
                    + "before the next is sent; they get a window of 1. Each entry says what to match, ignoring "
                    + "case: 'caps:TEXT' (the capabilities node of the peer's presence starts with TEXT), "
                    + "'identity:TEXT' (one of its disco#info identities, as category/type/name, contains TEXT), "
                    + "'version:TEXT' (its software version name contains TEXT); a value may hold several entries "
                    + "separated by commas. Smack up to 4.4 hands each data "
                    + "IQ to a thread pool and answers a block that overtook another with unexpected-request. "
                    + "See docs/peer-quirks.md.",
            required = false)
    String[] oneBlockAtATimePeers() default {
        "caps:https://igniterealtime.org/projects/smack",
        "caps:http://www.igniterealtime.org/projects/smack/",
        "identity:Smack",
        "version:Smack" };

    @AttributeDefinition(name = "Stop-and-wait capabilities nodes (deprecated)",
            description = "Deprecated: use oneBlockAtATimePeers. Each entry is a capabilities node prefix, read "
                    + "as 'caps:ENTRY' and added to oneBlockAtATimePeers.",
            required = false)
    String[] stopAndWaitCapsNodes() default {};

    @AttributeDefinition(name = "Data stanza",
            description = "How this side sends blocks: IQs (acknowledged) or messages (not acknowledged).",
            options = {
                @Option(value = "IQ", label = "IQ"),
                @Option(value = "MESSAGE", label = "Message") })
    String stanza() default "IQ";

    @AttributeDefinition(name = "Largest accepted block size",
            description = "Incoming streams with larger blocks are refused with resource-constraint.",
            min = "1", max = "65535")
    int maxBlockSize() default 65535;

    @AttributeDefinition(name = "Open timeout (ms)", description = "How long to wait for the answer to an open request.",
            min = "1")
    long openTimeoutMillis() default 10000;

    @AttributeDefinition(name = "Acknowledgement timeout (ms)",
            description = "A data IQ not acknowledged within this time breaks the stream.", min = "1")
    long ackTimeoutMillis() default 30000;

    @AttributeDefinition(name = "Close timeout (ms)",
            description = "After this long without an answer to the sender's close, the missing answer is logged. "
                    + "The transfer does not wait for it: every block was acknowledged (or, with message stanzas, "
                    + "sent) before the close, and some clients (libpurple) never answer it.",
            min = "1")
    long closeTimeoutMillis() default 5000;

    @AttributeDefinition(name = "Priority",
            description = "Order among stream methods in offers, highest first (SOCKS5 uses 20).")
    int priority() default 10;
}
