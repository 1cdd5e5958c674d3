package io.sift.eclipse.internal.ui;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.sift.api.IncomingOffer;
import io.sift.eclipse.internal.Sizes;

/**
 * Asks whether to take a file someone offers: sender, name, size, description, and the folder to
 * put it in. Modeless: the person can go on working and answer when ready. Closing it declines.
 */
public final class OfferPromptDialog extends Dialog {

    private final IncomingOffer offer;
    private final Path defaultFolder;
    private final Consumer<Path> onAccept;
    private final Runnable onDecline;
    private Text folder;
    private boolean answered;

    public OfferPromptDialog(Shell parent, IncomingOffer offer, Path defaultFolder, Consumer<Path> onAccept,
            Runnable onDecline) {
        super(parent);
        this.offer = offer;
        this.defaultFolder = defaultFolder;
        this.onAccept = onAccept;
        this.onDecline = onDecline;
        setShellStyle(SWT.DIALOG_TRIM | SWT.MODELESS | SWT.ON_TOP | SWT.RESIZE);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("File offered by " + bare(offer.peer()));
        shell.setData(SendFilesDialog.NAME, "sift.offer." + offer.transferId());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(3, false));
        Label headline = new Label(area, SWT.WRAP);
        headline.setText(bare(offer.peer()) + " wants to send you a file" + (offer.fromRosterContact() ? "." : " (not in your contacts)."));
        headline.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        row(area, "From:", offer.peer());
        row(area, "File:", offer.fileName());
        row(area, "Size:", Sizes.bytes(offer.size()) + (offer.size() >= 1024 ? " (" + offer.size() + " bytes)" : ""));
        offer.description().filter(d -> !d.isBlank()).ifPresent(d -> row(area, "Description:", d));

        new Label(area, SWT.NONE).setText("Save &in:");
        folder = new Text(area, SWT.BORDER);
        folder.setText(defaultFolder.toString());
        folder.setData(SendFilesDialog.NAME, "sift.folder");
        GridData folderData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        folderData.widthHint = 320;
        folder.setLayoutData(folderData);
        Button browse = new Button(area, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog chooser = new DirectoryDialog(getShell());
            chooser.setFilterPath(folder.getText());
            String picked = chooser.open();
            if (picked != null) {
                folder.setText(picked);
            }
        });
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Accept", true).setData(SendFilesDialog.NAME, "sift.accept");
        createButton(parent, IDialogConstants.CANCEL_ID, "&Decline", false).setData(SendFilesDialog.NAME, "sift.decline");
    }

    @Override
    protected void okPressed() {
        answered = true;
        onAccept.accept(Path.of(folder.getText().strip()));
        super.okPressed();
    }

    @Override
    protected void cancelPressed() {
        decline();
        super.cancelPressed();
    }

    @Override
    protected void handleShellCloseEvent() {
        decline();
        super.handleShellCloseEvent();
    }

    private void decline() {
        if (!answered) {
            answered = true;
            onDecline.run();
        }
    }

    private static void row(Composite area, String name, String value) {
        new Label(area, SWT.NONE).setText(name);
        Label v = new Label(area, SWT.WRAP);
        v.setText(value);
        v.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
