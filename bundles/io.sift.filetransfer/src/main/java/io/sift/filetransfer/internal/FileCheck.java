package io.sift.filetransfer.internal;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.jivesoftware.smack.packet.StandardExtensionElement;

/**
 * SIFT's end-to-end check of a transferred file, for peers that announce {@link #NAMESPACE}.
 *
 * <p>XEP-0096 can only put an MD5 in the offer, which means reading the whole file before the first
 * byte moves, and tells the sender nothing of what the receiver got. Between peers that announce
 * this feature (as XEP-0234's {@code <checksum/>} does for Jingle):
 * <ul>
 * <li>the offer's {@code <file/>} carries {@code <check xmlns='https://sift.io/protocol/file-check'/>}:
 * the sender will send the SHA-256 after the data and wants the receiver's verdict;</li>
 * <li>the accepting answer's {@code <file/>} carries the same element: the receiver will check;</li>
 * <li>after the data, the sender sends {@code <iq type='set'><checksum sid='…'><hash
 * xmlns='urn:xmpp:hashes:2' algo='sha-256'>base64</hash></checksum></iq>} (without a hash when its
 * own side of the stream broke: it then only asks how the transfer ended);</li>
 * <li>the receiver answers once the file is stored and verified ({@code result}), or with an error
 * whose {@code <failed reason='HASH_MISMATCH'/>} names what went wrong (a
 * {@link io.sift.api.FailureReason}, or {@code CANCELLED}) and whose text says it for people.</li>
 * </ul>
 */
final class FileCheck {

    static final String NAMESPACE = "https://sift.io/protocol/file-check";
    static final String MARKER = "check";
    static final String CHECKSUM = "checksum";
    static final String FAILED = "failed";
    static final String HASHES_NAMESPACE = "urn:xmpp:hashes:2";
    static final String SHA_256 = "sha-256";
    /** The {@code reason} of a {@code <failed/>} for a cancellation rather than a failure. */
    static final String CANCELLED = "CANCELLED";

    private FileCheck() {
    }

    /** {@code <check xmlns='https://sift.io/protocol/file-check'/>}. */
    static StandardExtensionElement marker() {
        return StandardExtensionElement.builder(MARKER, NAMESPACE).build();
    }

    /** Whether a {@code <file/>} element of an offer or answer carries the marker. */
    static boolean marked(StandardExtensionElement file) {
        return file.getFirstElement(MARKER, NAMESPACE) != null;
    }

    /** The answer payload that tells the sender this side will check: {@code <file><check/></file>}. */
    static StandardExtensionElement answer() {
        return StandardExtensionElement.builder(FileElement.ELEMENT, FileElement.NAMESPACE)
                .addElement(marker())
                .build();
    }

    static String base64OfHex(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /** Lower-case hex of a base64 SHA-256; empty if the text is not one (leniently: spaces are dropped). */
    static Optional<String> hexOfBase64Sha256(String base64) {
        if (base64 == null) {
            return Optional.empty();
        }
        try {
            byte[] digest = Base64.getMimeDecoder().decode(base64.strip());
            return digest.length == 32 ? Optional.of(HexFormat.of().formatHex(digest)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
