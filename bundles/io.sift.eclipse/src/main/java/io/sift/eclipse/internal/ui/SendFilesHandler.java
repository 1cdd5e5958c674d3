package io.sift.eclipse.internal.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.expressions.IEvaluationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.sift.api.FileTransferService;
import io.sift.eclipse.internal.FileSelection;
import io.sift.eclipse.internal.SendRequest;
import io.sift.eclipse.internal.SiftAccess;

/**
 * The "Send File to Colleague…" command: the files of the selection (or of the active editor) go to
 * the dialog, and what the person asks for is sent by a {@link SendJob}. The workbench creates handlers
 * from plugin.xml, so this one finds SIFT through its bundle's service registry.
 */
public final class SendFilesHandler extends AbstractHandler {

    /** Evaluation context variables (org.eclipse.ui.ISources names, read without the workbench). */
    private static final String SELECTION = "selection";
    private static final String EDITOR_INPUT = "activeEditorInput";
    private static final String SHELL = "activeShell";

    private final BundleContext context;
    private final ServiceTracker<SiftAccess, SiftAccess> access;

    public SendFilesHandler() {
        context = FrameworkUtil.getBundle(SendFilesHandler.class).getBundleContext();
        access = new ServiceTracker<>(context, SiftAccess.class, null);
        access.open();
    }

    @Override
    public Object execute(ExecutionEvent event) {
        IEvaluationContext variables = event.getApplicationContext() instanceof IEvaluationContext c ? c : null;
        List<Path> files = FileSelection.files(variable(variables, SELECTION), variable(variables, EDITOR_INPUT));
        Shell shell = variable(variables, SHELL) instanceof Shell s ? s : Display.getCurrent().getActiveShell();
        SiftAccess sift = access.getService();
        if (sift == null) {
            MessageDialog.openError(shell, "Send File to Colleague", "SIFT is not running: its bundles are not started.");
            return null;
        }
        SendFilesDialog dialog = new SendFilesDialog(shell, sift, context, files);
        if (dialog.open() != Window.OK) {
            return null;
        }
        SendRequest request = dialog.request().orElseThrow();
        Optional<FileTransferService> sender = sift.sender(request.account());
        if (sender.isEmpty()) {
            MessageDialog.openError(shell, "Send File to Colleague", request.account() + " went offline.");
            return null;
        }
        new SendJob(request, sender.get(), new Notifier(shell.getDisplay())).schedule();
        return null;
    }

    private static Object variable(IEvaluationContext variables, String name) {
        if (variables == null) {
            return null;
        }
        Object value = variables.getVariable(name);
        return value == IEvaluationContext.UNDEFINED_VARIABLE ? null : value;
    }

    @Override
    public void dispose() {
        access.close();
        super.dispose();
    }
}
