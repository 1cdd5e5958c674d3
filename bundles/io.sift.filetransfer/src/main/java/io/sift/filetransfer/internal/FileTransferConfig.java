package io.sift.filetransfer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of file transfer (PID {@code io.sift.filetransfer}). */
@ObjectClassDefinition(
        id = FileTransferConfig.PID,
        name = "SIFT file transfer",
        description = "Where received files go, which offers are accepted, and transfer time limits.")
public @interface FileTransferConfig {

    String PID = "io.sift.filetransfer";

    @AttributeDefinition(name = "Download directory",
            description = "Where accepted files are stored when no offer handler names a directory. "
                    + "Empty: the Downloads folder in the user's home directory.",
            required = false)
    String downloadDirectory() default "";

    @AttributeDefinition(name = "Offer policy",
            description = "What happens to an incoming offer that no offer handler decides.",
            options = {
                @Option(value = "DECLINE", label = "Decline every offer"),
                @Option(value = "ACCEPT", label = "Accept every offer into the download directory"),
                @Option(value = "ACCEPT_FROM_ROSTER", label = "Accept offers from roster contacts, decline others") })
    String offerPolicy() default "DECLINE";

    @AttributeDefinition(name = "Stream open timeout (s)",
            description = "After accepting an offer, how long to wait for the sender to open the bytestream.",
            min = "1")
    int streamOpenTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Idle timeout (s)",
            description = "A transfer during which no byte moves for this long fails.", min = "1")
    int idleTimeoutSeconds() default 60;

    @AttributeDefinition(name = "MD5 limit (bytes)",
            description = "To a receiver that cannot check the SHA-256 SIFT sends after the data (any software but "
                    + "SIFT), files up to this size are offered with their MD5 (XEP-0096), which means reading "
                    + "the file once before its bytes move (re-sends of an unchanged file use the hash kept from "
                    + "the first time). 0: never; larger files then arrive checked by their size only. "
                    + "Receivers that are SIFT always check every file, whatever this says.",
            min = "0")
    long hashLimitBytes() default Long.MAX_VALUE;

    @AttributeDefinition(name = "Partial files kept (hours)",
            description = "The partial file of a transfer that broke off is kept this long after its last write, "
                    + "so that when the sender offers the same file again only the rest is sent (XEP-0096 range). "
                    + "Older ones are deleted.", min = "1")
    int partExpiryHours() default 48;

    @AttributeDefinition(name = "Concurrent transfers",
            description = "Transfers that move data at the same time; more wait their turn (up to the idle "
                    + "timeout). Offers waiting for a decision or their stream take none.", min = "1")
    int maxConcurrentTransfers() default 64;

    @AttributeDefinition(name = "Incoming transfers per peer",
            description = "Incoming transfers from one sender (bare JID) at once, whether they wait for a decision, "
                    + "for their stream, or move data; more offers are refused (wait and try again) until some end.",
            min = "1")
    int maxIncomingPerPeer() default 16;

    @AttributeDefinition(name = "Incoming transfers",
            description = "Incoming transfers of one account at once, from all senders.", min = "1")
    int maxIncoming() default 128;

    @AttributeDefinition(name = "Transfers kept",
            description = "Ended transfers remembered per account, for listing.", min = "0")
    int keptTransfers() default 100;
}
