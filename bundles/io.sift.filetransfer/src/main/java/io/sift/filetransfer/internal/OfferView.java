package io.sift.filetransfer.internal;

import java.time.Instant;
import java.util.Optional;

import io.sift.api.IncomingOffer;

/** An incoming offer as handlers see it. */
record OfferView(
        String transferId,
        String account,
        String peer,
        String fileName,
        String offeredName,
        long size,
        Optional<String> description,
        Optional<Instant> date,
        Optional<String> md5,
        boolean fromRosterContact) implements IncomingOffer {
}
