package io.sift.eclipse.internal.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.Transfer;
import io.sift.eclipse.internal.SendRequest;
import io.sift.eclipse.internal.TransferWatch;

/**
 * Sends the files of one request at once, as a user job: the Progress view shows bytes, rate and
 * method, and its Cancel cancels the transfers on both sides. How they ended is told by the
 * {@link Notifier}, not by the job's status (the workbench would show an error status in a dialog of
 * its own, without the reason in words).
 */
public final class SendJob extends Job {

    /** The family of every SIFT transfer job ({@link Job#belongsTo}), e.g. to find or cancel them. */
    public static final String FAMILY = "io.sift.eclipse.transfers";

    private final SendRequest request;
    private final FileTransferService sender;
    private final Notifier notifier;
    private final List<Transfer> transfers = new CopyOnWriteArrayList<>();

    public SendJob(SendRequest request, FileTransferService sender, Notifier notifier) {
        super(name(request));
        this.request = request;
        this.sender = sender;
        this.notifier = notifier;
        setUser(true);
    }

    private static String name(SendRequest request) {
        List<Path> files = request.files();
        String what = files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
        return "Sending " + what + " to " + request.peer();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SendOptions options = request.description().map(SendOptions.defaults()::withDescription)
                .orElse(SendOptions.defaults());
        List<String> refused = new ArrayList<>();
        for (Path file : request.files()) {
            try {
                transfers.add(sender.send(request.peer(), file, options));
            } catch (IllegalArgumentException e) {
                refused.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        boolean cancelled = false;
        try {
            if (!transfers.isEmpty()) {
                cancelled = TransferWatch.follow(transfers, monitor, getName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transfers.forEach(Transfer::cancel);
            cancelled = true;
        }
        notifier.sent(List.copyOf(transfers), cancelled);
        if (!refused.isEmpty()) {
            notifier.refused(request.peer(), refused);
        }
        return cancelled ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    @Override
    protected void canceling() {
        // at once, not at the next progress update
        transfers.forEach(Transfer::cancel);
    }

    @Override
    public boolean belongsTo(Object family) {
        return FAMILY.equals(family);
    }

    /** The transfers this job started (empty before it ran). */
    public List<Transfer> transfers() {
        return List.copyOf(transfers);
    }
}
