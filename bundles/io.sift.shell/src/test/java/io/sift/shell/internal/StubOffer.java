package io.sift.shell.internal;

import java.time.Instant;
import java.util.Optional;

import io.sift.api.IncomingOffer;

record StubOffer(String transferId, String fileName) implements IncomingOffer {
    @Override public String account() { return "bob@localhost"; }
    @Override public String peer() { return "alice@localhost/sift"; }
    @Override public String offeredName() { return fileName; }
    @Override public long size() { return 1234; }
    @Override public Optional<String> description() { return Optional.empty(); }
    @Override public Optional<Instant> date() { return Optional.empty(); }
    @Override public Optional<String> md5() { return Optional.empty(); }
    @Override public boolean fromRosterContact() { return true; }
}
