package io.sift.filetransfer.internal;

/** What happens to an offer that no {@link io.sift.api.OfferHandler} decides. */
enum OfferPolicy {
    DECLINE,
    ACCEPT,
    ACCEPT_FROM_ROSTER
}
