package io.sift.eclipse.internal.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Display;

import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.eclipse.internal.Outcomes;

/**
 * Tells the person how transfers ended: a notification when they went well (with the SHA-256), an
 * error dialog with the reason in words when they did not. A cancel made here needs no dialog.
 */
public final class Notifier {

    private final Display display;

    public Notifier(Display display) {
        this.display = display;
    }

    /** Outgoing transfers of one send; {@code cancelledHere}: the person cancelled the job. */
    public void sent(List<Transfer> transfers, boolean cancelledHere) {
        List<Transfer> bad = transfers.stream().filter(t -> !Outcomes.succeeded(t))
                .filter(t -> !(cancelledHere && t.state() == TransferState.CANCELLED)).toList();
        List<Transfer> good = transfers.stream().filter(Outcomes::succeeded).toList();
        display.asyncExec(() -> {
            if (!good.isEmpty()) {
                String title = good.size() == 1 ? Outcomes.title(good.get(0))
                        : good.size() + " files sent to " + bare(good.get(0).peer());
                Toast.open(display, title, join(good), null, href -> { });
            }
            if (cancelledHere && bad.isEmpty() && good.size() < transfers.size()) {
                Toast.open(display, "Sending cancelled", join(transfers.stream()
                        .filter(t -> t.state() == TransferState.CANCELLED).toList()), null, href -> { });
            }
            if (!bad.isEmpty()) {
                String title = bad.size() == 1 ? Outcomes.title(bad.get(0)) : bad.size() + " files not sent";
                MessageDialog.openError(display.getActiveShell(), title, join(bad));
            }
        });
    }

    /** One incoming transfer: the file can be opened or shown in its folder. */
    public void received(Transfer transfer) {
        display.asyncExec(() -> {
            if (transfer.state() == TransferState.COMPLETED && transfer.file().isPresent()) {
                Path file = transfer.file().get();
                Toast.open(display, Outcomes.title(transfer), Outcomes.describe(transfer) + "\n" + file,
                        "<a href=\"open\">Open</a>    <a href=\"reveal\">Show in folder</a>",
                        href -> Program.launch(("open".equals(href) ? file : file.getParent()).toString()));
            } else if (transfer.state() == TransferState.CANCELLED || transfer.state() == TransferState.DECLINED) {
                Toast.open(display, Outcomes.title(transfer), Outcomes.describe(transfer), null, href -> { });
            } else {
                MessageDialog.openError(display.getActiveShell(), Outcomes.title(transfer), Outcomes.describe(transfer));
            }
        });
    }

    /** Files SIFT would not even offer (unreadable, not a regular file, a malformed JID). */
    public void refused(String peer, List<String> reasons) {
        display.asyncExec(() -> MessageDialog.openError(display.getActiveShell(), "Files not sent to " + peer,
                String.join("\n", reasons)));
    }

    private static String join(List<Transfer> transfers) {
        return transfers.stream().map(Outcomes::describe).collect(Collectors.joining("\n\n"));
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
