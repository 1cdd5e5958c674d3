package io.sift.eclipse.internal.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.sift.api.AccountStatus;
import io.sift.eclipse.internal.AccountEntry;
import io.sift.eclipse.internal.Settings;
import io.sift.eclipse.internal.SiftAccess;

/**
 * Preferences > SIFT File Transfer: accounts (their configurations, passwords in secure storage),
 * the download folder and whether to ask before receiving. Account changes are saved when their
 * dialog closes (they restart the account); the rest with Apply.
 */
public final class SiftPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    private final ServiceTracker<Settings, Settings> settings;
    private final ServiceTracker<SiftAccess, SiftAccess> access;
    private TableViewer accounts;
    private Text folder;
    private Button ask;

    public SiftPreferencePage() {
        var context = FrameworkUtil.getBundle(SiftPreferencePage.class).getBundleContext();
        settings = new ServiceTracker<>(context, Settings.class, null);
        access = new ServiceTracker<>(context, SiftAccess.class, null);
        settings.open();
        access.open();
        setDescription("XMPP accounts that send and receive files, and where received files go.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // nothing to take from the workbench
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(1, false));

        Group accountGroup = new Group(page, SWT.NONE);
        accountGroup.setText("Accounts");
        accountGroup.setLayout(new GridLayout(2, false));
        accountGroup.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        accounts = new TableViewer(accountGroup, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        accounts.getTable().setHeaderVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.heightHint = accounts.getTable().getItemHeight() * 5;
        accounts.getTable().setLayoutData(tableData);
        column("Account", 200, AccountEntry::jid);
        column("Server", 160, e -> (e.host().isEmpty() ? "(DNS)" : e.host()) + ":" + e.port());
        column("Status", 200, this::status);
        accounts.setContentProvider(ArrayContentProvider.getInstance());
        Composite buttons = new Composite(accountGroup, SWT.NONE);
        buttons.setLayout(new GridLayout(1, true));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(buttons, "&Add\u2026", () -> edit(AccountEntry.newAccount()));
        button(buttons, "&Edit\u2026", () -> selected().ifPresent(this::edit));
        button(buttons, "&Remove", () -> selected().ifPresent(this::remove));
        accounts.addDoubleClickListener(e -> selected().ifPresent(this::edit));

        Group receiving = new Group(page, SWT.NONE);
        receiving.setText("Receiving");
        receiving.setLayout(new GridLayout(3, false));
        receiving.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(receiving, SWT.NONE).setText("&Download folder:");
        folder = new Text(receiving, SWT.BORDER);
        folder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(receiving, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog chooser = new DirectoryDialog(getShell());
            chooser.setFilterPath(folder.getText());
            Optional.ofNullable(chooser.open()).ifPresent(folder::setText);
        });
        ask = new Button(receiving, SWT.CHECK);
        ask.setText("As&k before receiving a file (otherwise the file transfer policy decides)");
        ask.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));

        load();
        return page;
    }

    private void load() {
        Settings s = settings.getService();
        if (s == null) {
            setErrorMessage("SIFT is not running: ConfigurationAdmin or SIFT's bundles are not started.");
            return;
        }
        try {
            accounts.setInput(s.accounts());
        } catch (IOException e) {
            setErrorMessage("Accounts cannot be read: " + e.getMessage());
        }
        folder.setText(s.downloadDirectory().toString());
        ask.setSelection(s.askOffers());
    }

    @Override
    public boolean performOk() {
        Settings s = settings.getService();
        if (s == null || folder == null) {
            return true;
        }
        try {
            s.setDownloadDirectory(Path.of(folder.getText().strip()));
            s.setAskOffers(ask.getSelection());
            return true;
        } catch (IOException | RuntimeException e) {
            setErrorMessage("Not saved: " + e.getMessage());
            return false;
        }
    }

    private void edit(AccountEntry entry) {
        AccountDialog dialog = new AccountDialog(getShell(), entry);
        if (dialog.open() != Window.OK) {
            return;
        }
        try {
            settings.getService().save(dialog.entry(), dialog.newPassword());
            load();
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(getShell(), "Account not saved", e.getMessage());
        }
    }

    private void remove(AccountEntry entry) {
        if (!MessageDialog.openConfirm(getShell(), "Remove account", "Remove " + entry.jid() + " and its password?")) {
            return;
        }
        try {
            settings.getService().remove(entry);
            load();
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(getShell(), "Account not removed", e.getMessage());
        }
    }

    private Optional<AccountEntry> selected() {
        return Optional.ofNullable((AccountEntry) ((IStructuredSelection) accounts.getSelection()).getFirstElement());
    }

    private String status(AccountEntry entry) {
        SiftAccess sift = access.getService();
        if (sift == null || entry.pid().isEmpty()) {
            return "";
        }
        List<AccountStatus> statuses = sift.statuses();
        return statuses.stream().filter(s -> s.configurationPid().equals(entry.pid().get())).findFirst()
                .map(s -> s.current().state().name().toLowerCase()
                        + s.current().problem().map(p -> ": " + p.message()).orElse(""))
                .orElse("");
    }

    private void column(String title, int width, java.util.function.Function<AccountEntry, String> text) {
        TableViewerColumn column = new TableViewerColumn(accounts, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((AccountEntry) element);
            }
        });
    }

    private static void button(Composite parent, String text, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        button.addListener(SWT.Selection, e -> action.run());
    }

    @Override
    public void dispose() {
        settings.close();
        access.close();
        super.dispose();
    }
}
