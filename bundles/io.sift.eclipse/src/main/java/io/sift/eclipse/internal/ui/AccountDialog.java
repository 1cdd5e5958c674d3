package io.sift.eclipse.internal.ui;

import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import io.sift.eclipse.internal.AccountEntry;
import io.sift.eclipse.internal.Jids;

/** Adds or edits one account. The password field stays empty for a saved account: typing one replaces it. */
final class AccountDialog extends TitleAreaDialog {

    private static final String[] SECURITY = { "REQUIRED", "IF_POSSIBLE", "DISABLED" };

    private final AccountEntry original;
    private Text jid;
    private Text password;
    private Text host;
    private Spinner port;
    private Combo security;
    private Text resource;
    private AccountEntry result;
    private Optional<String> newPassword = Optional.empty();

    AccountDialog(Shell parent, AccountEntry original) {
        super(parent);
        this.original = original;
    }

    AccountEntry entry() {
        return result;
    }

    Optional<String> newPassword() {
        return newPassword;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        boolean isNew = original.pid().isEmpty();
        setTitle(isNew ? "Add an XMPP account" : "Edit " + original.jid());
        setMessage("The password is kept in Eclipse secure storage, never in the configuration.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayout(new GridLayout(2, false));
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        jid = text(body, "&JID:", original.jid(), SWT.BORDER);
        jid.setMessage("user@example.org");
        jid.setEditable(isNew);
        password = text(body, "&Password:", "", SWT.BORDER | SWT.PASSWORD);
        password.setMessage(isNew ? "" : "unchanged");
        host = text(body, "&Server:", original.host(), SWT.BORDER);
        host.setMessage("empty: found through DNS");
        new Label(body, SWT.NONE).setText("P&ort:");
        port = new Spinner(body, SWT.BORDER);
        port.setValues(original.port(), 1, 65535, 0, 1, 100);
        new Label(body, SWT.NONE).setText("&Encryption:");
        security = new Combo(body, SWT.READ_ONLY);
        security.setItems("TLS required", "TLS if the server offers it", "none (test servers only)");
        security.select(Math.max(0, java.util.Arrays.asList(SECURITY).indexOf(original.securityMode())));
        resource = text(body, "&Resource:", original.resource(), SWT.BORDER);
        resource.setMessage("empty: the server picks one");
        jid.addListener(SWT.Modify, e -> validate());
        password.addListener(SWT.Modify, e -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    private void validate() {
        if (getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String problem = !Jids.looksValid(jid.getText()) ? "Type the account's JID (user@example.org)."
                : original.pid().isEmpty() && password.getText().isEmpty() ? "Type the password." : null;
        setErrorMessage(problem);
        getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
    }

    @Override
    protected void okPressed() {
        result = new AccountEntry(original.pid(), jid.getText().strip(), host.getText().strip(), port.getSelection(),
                SECURITY[security.getSelectionIndex()], resource.getText().strip());
        newPassword = password.getText().isEmpty() ? Optional.empty() : Optional.of(password.getText());
        super.okPressed();
    }

    private static Text text(Composite parent, String label, String value, int style) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, style);
        text.setText(value);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 300;
        text.setLayoutData(data);
        return text;
    }
}
