package io.sift.filetransfer.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.sift.api.Direction;
import io.sift.negotiation.IncomingStreamOffer;
import io.sift.negotiation.SiProfile;

/** The XEP-0096 profile: turns an incoming Stream Initiation offer into an incoming transfer. */
final class FileProfile implements SiProfile {

    private final TransferHub hub;

    FileProfile(TransferHub hub) {
        this.hub = hub;
    }

    @Override
    public void offered(IncomingStreamOffer offer) {
        FileElement file;
        try {
            file = FileElement.parse(offer.payload());
        } catch (FileElement.Malformed e) {
            offer.rejectAsBadRequest(e.getMessage());
            return;
        }
        String accountJid = offer.session().account();
        Optional<AccountFileTransfers> account = hub.account(accountJid);
        if (account.isEmpty()) {
            offer.decline("not receiving files now");
            return;
        }
        String peer = offer.session().initiator();
        String safeName = SafeFileNames.sanitize(file.name());
        List<CompletableFuture<Void>> superseded = account.get().supersede(peer, safeName, file.size());
        Optional<TransferRecord> admitted = account.get().admitIncoming(peer, () -> hub.newRecord(account.get(), peer,
                Direction.INCOMING, safeName, file.size(), file.description(), null));
        if (admitted.isEmpty()) {
            offer.refuseBusy("too many of your offers are being handled here; try again later");
            return;
        }
        TransferRecord record = admitted.get();
        OfferView view = new OfferView(record.id(), accountJid, peer, safeName, file.name(), file.size(),
                file.description(), file.date(), file.md5(), account.get().isRosterContact(peer));
        record.offered();
        // until the worker answers, a cancel declines the offer
        record.onCancel(() -> offer.decline("cancelled"));
        hub.startWaiting(record, new IncomingTransfer(record, offer, file, view, hub, superseded));
    }
}
