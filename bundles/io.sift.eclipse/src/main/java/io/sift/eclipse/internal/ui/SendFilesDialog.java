package io.sift.eclipse.internal.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.sift.api.AccountStatus;
import io.sift.api.Contact;
import io.sift.api.ContactListener;
import io.sift.api.ContactView;
import io.sift.api.XmppAccount;
import io.sift.eclipse.internal.ContactText;
import io.sift.eclipse.internal.Jids;
import io.sift.eclipse.internal.SendRequest;
import io.sift.eclipse.internal.SiftAccess;

/**
 * "Send File to Colleague…": the account (when there are several), the colleague (picked from the
 * account's contacts, those who can receive files first, filtered as one types; or typed as a JID),
 * a description and the files. The contact list follows presence changes while the dialog is open.
 *
 * <p>Widgets carry a name in their data ({@code sift.to}, {@code sift.contacts}, ...) so that tests
 * and accessibility tools can find them.
 */
public final class SendFilesDialog extends TitleAreaDialog {

    public static final String NAME = "name";

    private final SiftAccess access;
    private final BundleContext context;
    private final List<Path> files;
    private final List<String> accounts;

    private Combo accountCombo;
    private Text to;
    private TableViewer contacts;
    private Text description;
    private org.eclipse.swt.widgets.List fileList;
    private ServiceRegistration<ContactListener> listener;
    private String account;
    private SendRequest request;

    public SendFilesDialog(Shell parent, SiftAccess access, BundleContext context, List<Path> files) {
        super(parent);
        this.access = access;
        this.context = context;
        this.files = new ArrayList<>(files);
        this.accounts = access.onlineAccounts();
        this.account = accounts.isEmpty() ? null : accounts.get(0);
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The request after Send; empty after Cancel. */
    public Optional<SendRequest> request() {
        return Optional.ofNullable(request);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Send File to Colleague");
        shell.addDisposeListener(e -> stopListening());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Send File to Colleague");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayout(new GridLayout(3, false));
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        label(body, "&From:");
        if (accounts.size() > 1) {
            accountCombo = new Combo(body, SWT.READ_ONLY);
            accountCombo.setItems(accounts.toArray(String[]::new));
            accountCombo.select(0);
            accountCombo.setData(NAME, "sift.account");
            accountCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            accountCombo.addListener(SWT.Selection, e -> {
                account = accountCombo.getText();
                startListening();
                refreshContacts();
                validate();
            });
        } else {
            Label single = new Label(body, SWT.NONE);
            single.setText(account == null ? "no account is online" : account);
            single.setData(NAME, "sift.account");
            single.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        }

        label(body, "&To:");
        to = new Text(body, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL);
        to.setMessage("type a name to filter, or a JID such as user@example.org");
        to.setData(NAME, "sift.to");
        to.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        to.addListener(SWT.Modify, e -> {
            contacts.refresh();
            selectTyped();
            validate();
        });

        new Label(body, SWT.NONE);
        contacts = new TableViewer(body, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        contacts.getTable().setData(NAME, "sift.contacts");
        contacts.getTable().setHeaderVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        tableData.heightHint = contacts.getTable().getItemHeight() * 7;
        tableData.widthHint = 520;
        contacts.getTable().setLayoutData(tableData);
        column("", 28, c -> ContactText.symbol(c));
        column("Colleague", 250, ContactText::label);
        column("Presence", 300, ContactText::presence);
        contacts.setContentProvider(ArrayContentProvider.getInstance());
        contacts.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer viewer, Object parentElement, Object element) {
                String typed = to.getText();
                // once a JID is complete, the list still shows that contact
                return ContactText.matches((Contact) element, typed);
            }
        });
        contacts.addSelectionChangedListener(e -> {
            Object picked = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (picked instanceof Contact contact && !contact.jid().equalsIgnoreCase(to.getText().strip())) {
                to.setText(contact.jid());
            }
        });
        contacts.addDoubleClickListener(e -> {
            if (getButton(IDialogConstants.OK_ID).isEnabled()) {
                okPressed();
            }
        });

        label(body, "&Description:");
        description = new Text(body, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        description.setMessage("optional: shown to your colleague with the offer");
        description.setData(NAME, "sift.description");
        GridData descData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        descData.heightHint = description.getLineHeight() * 3;
        description.setLayoutData(descData);

        Label filesLabel = label(body, "F&iles:");
        filesLabel.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        fileList = new org.eclipse.swt.widgets.List(body, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        fileList.setData(NAME, "sift.files");
        GridData listData = new GridData(SWT.FILL, SWT.FILL, true, false);
        listData.heightHint = fileList.getItemHeight() * 4;
        fileList.setLayoutData(listData);
        Composite fileButtons = new Composite(body, SWT.NONE);
        fileButtons.setLayout(new GridLayout(1, true));
        fileButtons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        Button add = new Button(fileButtons, SWT.PUSH);
        add.setText("&Add\u2026");
        add.setData(NAME, "sift.addFiles");
        add.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        add.addListener(SWT.Selection, e -> addFiles());
        Button remove = new Button(fileButtons, SWT.PUSH);
        remove.setText("&Remove");
        remove.setData(NAME, "sift.removeFiles");
        remove.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        remove.addListener(SWT.Selection, e -> {
            for (int index : reversed(fileList.getSelectionIndices())) {
                files.remove(index);
            }
            showFiles();
        });

        showFiles();
        startListening();
        refreshContacts();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button send = createButton(parent, IDialogConstants.OK_ID, "&Send", true);
        send.setData(NAME, "sift.send");
        Button cancel = createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        cancel.setData(NAME, "sift.cancel");
        validate();
        to.setFocus();
    }

    @Override
    protected void okPressed() {
        String text = description.getText().strip();
        request = new SendRequest(account, to.getText().strip(), text.isEmpty() ? Optional.empty() : Optional.of(text),
                files);
        super.okPressed();
    }

    @Override
    public boolean close() {
        stopListening();
        return super.close();
    }

    private void addFiles() {
        FileDialog chooser = new FileDialog(getShell(), SWT.OPEN | SWT.MULTI);
        chooser.setText("Files to send");
        if (chooser.open() == null) {
            return;
        }
        for (String name : chooser.getFileNames()) {
            Path file = Path.of(chooser.getFilterPath(), name).toAbsolutePath().normalize();
            if (Files.isRegularFile(file) && !files.contains(file)) {
                files.add(file);
            }
        }
        showFiles();
    }

    private void showFiles() {
        fileList.setItems(files.stream().map(Path::toString).toArray(String[]::new));
        validate();
    }

    private void refreshContacts() {
        if (contacts == null || contacts.getTable().isDisposed()) {
            return;
        }
        Optional<ContactView> view = account == null ? Optional.empty() : access.contacts(account);
        contacts.setInput(view.map(ContactView::contacts).orElse(List.of()));
        selectTyped();
        validate();
    }

    /** Keeps the contact whose JID is typed selected, so its presence stays in view. */
    private void selectTyped() {
        String typed = to.getText().strip();
        Object[] shown = ((List<?>) contacts.getInput()).stream()
                .filter(c -> ((Contact) c).jid().equalsIgnoreCase(typed)).toArray();
        if (shown.length == 1) {
            contacts.setSelection(new StructuredSelection(shown[0]), true);
        }
    }

    private void startListening() {
        stopListening();
        if (account == null) {
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(XmppAccount.JID, account);
        listener = context.registerService(ContactListener.class, event -> {
            Shell shell = getShell();
            if (shell != null && !shell.isDisposed()) {
                shell.getDisplay().asyncExec(this::refreshContacts);
            }
        }, props);
    }

    private void stopListening() {
        if (listener != null) {
            try {
                listener.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            listener = null;
        }
    }

    private void validate() {
        Button send = getButton(IDialogConstants.OK_ID);
        if (send == null || to == null) {
            return;
        }
        String typed = to.getText().strip();
        String problem = null;
        String warning = null;
        if (account == null) {
            problem = "No SIFT account is online." + offlineReason();
        } else if (files.isEmpty()) {
            problem = "Add the files to send.";
        } else if (!Jids.looksValid(typed)) {
            problem = typed.isEmpty() ? "Pick a colleague, or type a JID." : "Pick a colleague from the list, or complete the JID (user@example.org).";
        } else {
            Optional<Contact> contact = access.contacts(account).flatMap(v -> v.contact(typed));
            if (contact.isPresent() && !contact.get().online()) {
                warning = typed + " is offline: the file cannot be sent now.";
            } else if (contact.isPresent() && !contact.get().canReceiveFiles()) {
                warning = ContactText.presence(contact.get());
            } else if (contact.isEmpty()) {
                warning = typed + " is not in your contacts: the file goes out if they are online and accept it.";
            }
        }
        if (problem != null) {
            setMessage(problem, account == null ? IMessageProvider.ERROR : IMessageProvider.INFORMATION);
        } else if (warning != null) {
            setMessage(warning, IMessageProvider.WARNING);
        } else {
            setMessage("Send " + (files.size() == 1 ? files.get(0).getFileName() : files.size() + " files") + " to "
                    + typed + " from " + account + ".");
        }
        send.setEnabled(problem == null);
    }

    private String offlineReason() {
        List<AccountStatus> statuses = access.statuses();
        if (statuses.isEmpty()) {
            return " Add an account in Preferences > SIFT File Transfer.";
        }
        StringBuilder why = new StringBuilder();
        for (AccountStatus status : statuses) {
            why.append(' ').append(status.jid()).append(": ").append(status.current().state().name().toLowerCase())
                    .append(status.current().problem().map(p -> " (" + p.message() + ")").orElse("")).append('.');
        }
        return why.toString();
    }

    private Label label(Composite parent, String text) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(text);
        return label;
    }

    private void column(String title, int width, java.util.function.Function<Contact, String> text) {
        TableViewerColumn column = new TableViewerColumn(contacts, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Contact) element);
            }
        });
    }

    private static int[] reversed(int[] indices) {
        int[] sorted = indices.clone();
        java.util.Arrays.sort(sorted);
        int[] out = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            out[i] = sorted[sorted.length - 1 - i];
        }
        return out;
    }
}
