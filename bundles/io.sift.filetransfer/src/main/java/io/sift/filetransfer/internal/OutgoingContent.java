package io.sift.filetransfer.internal;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

import io.sift.api.FileSource;

/**
 * The bytes an outgoing transfer sends and how they are read: a local file straight from the disk
 * ({@link FileContent}), or any other {@link FileSource} through its channels ({@link SourceContent}).
 * Either way the content must end exactly at its declared size; a failure to read it, or a size that
 * does not hold, is a {@link LocalFileException} that says which.
 */
interface OutgoingContent {

    static OutgoingContent of(FileSource source, long size, TransferHub hub) {
        return source.file().<OutgoingContent>map(file -> new FileContent(file, size, hub))
                .orElseGet(() -> new SourceContent(source, size, hub.hashers()));
    }

    /**
     * What can be checked before the offer without reading the content through: a file still has its
     * size; an empty source is empty (with no byte to hold back, a receiver would take an aborted empty
     * stream for the whole file).
     */
    void checkBeforeOffer() throws LocalFileException, InterruptedException;

    /** The MD5 (lower-case hex) of the whole content, for an offer to a receiver that is not SIFT. */
    String md5() throws LocalFileException, InterruptedException;

    /**
     * The content is about to be offered: one whose SHA-256 can be read apart from the bytes sent
     * (a local file) starts reading it now, while the offer and the stream's opening wait on the
     * network, so that the hash is ready when the last byte leaves instead of following it.
     */
    default void hashAhead() {
    }

    /** The transfer ended: what the content still computes for it is not needed. */
    default void release() {
    }

    /** Starts one pass over the content, for one bytestream: it sends {@code range}. */
    Pass pass(FileElement.Range range);

    /** One bytestream's read of the content: its range is sent, and the SHA-256 of the whole content is computed beside. */
    interface Pass {

        /**
         * Writes the range into {@code out}, counting the bytes on {@code record}. A failure of the content
         * is a {@link LocalFileException}; one of {@code out} is thrown as {@code out} threw it.
         */
        void copy(WritableByteChannel out, TransferRecord record) throws IOException, InterruptedException;

        /** The SHA-256 (lower-case hex) of the whole content, once {@link #copy} returned. */
        String sha256() throws LocalFileException, InterruptedException;

        /** The pass ended early: what it still computes beside is not needed. */
        void abandon();
    }
}
