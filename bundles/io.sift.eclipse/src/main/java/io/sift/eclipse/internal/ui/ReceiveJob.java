package io.sift.eclipse.internal.ui;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.sift.api.Transfer;
import io.sift.eclipse.internal.TransferWatch;

/**
 * An accepted incoming file in the Progress view, from the accept to its end; its Cancel cancels
 * the transfer on both sides. The end is told by the {@link Notifier}, with Open and Show in folder.
 */
public final class ReceiveJob extends Job {

    private final Transfer transfer;
    private final Notifier notifier;

    public ReceiveJob(Transfer transfer, Notifier notifier) {
        super("Receiving " + transfer.fileName() + " from " + bare(transfer.peer()));
        this.transfer = transfer;
        this.notifier = notifier;
        // a system job would stay hidden; the person accepted it and wants to see it
        setUser(false);
        setSystem(false);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        boolean cancelled;
        try {
            cancelled = TransferWatch.follow(List.of(transfer), monitor, getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transfer.cancel();
            cancelled = true;
        }
        if (!cancelled) {
            notifier.received(transfer);
        }
        return cancelled ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    @Override
    protected void canceling() {
        transfer.cancel();
    }

    @Override
    public boolean belongsTo(Object family) {
        return SendJob.FAMILY.equals(family);
    }

    public Transfer transfer() {
        return transfer;
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
