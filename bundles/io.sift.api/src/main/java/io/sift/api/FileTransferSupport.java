package io.sift.api;

/**
 * Whether a contact's resource can receive files the way SIFT sends them: its service discovery
 * answer lists Stream Initiation ({@code http://jabber.org/protocol/si}) and the file transfer
 * profile ({@code http://jabber.org/protocol/si/profile/file-transfer}).
 *
 * @since 1.2
 */
public enum FileTransferSupport {
    SUPPORTED,
    UNSUPPORTED,
    /** Not known yet: the resource's features have not been learned (or could not be). */
    UNKNOWN
}
