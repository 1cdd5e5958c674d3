package io.sift.eclipse.itests;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.ProgressProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;

/**
 * What the workbench's Progress view receives from jobs, shown in a window of the test (there is no
 * workbench here): each running job's name, its task and sub-task lines, and a bar of the work done.
 * Installed as the job manager's progress provider, as the workbench installs its own.
 */
final class ProgressWindow extends ProgressProvider {

    private final Display display;
    private final Shell shell;
    private final Map<Job, Row> rows = new ConcurrentHashMap<>();

    ProgressWindow(Display display) {
        this.display = display;
        shell = new Shell(display, SWT.SHELL_TRIM);
        shell.setText("Progress");
        shell.setLayout(new GridLayout(1, false));
        shell.setBounds(40, 620, 620, 200);
        shell.open();
    }

    Shell shell() {
        return shell;
    }

    /** The sub-task line of the job whose name starts with the text; "" when it has none. */
    String subTask(String jobNameStart) {
        return rows.entrySet().stream().filter(e -> e.getKey().getName().startsWith(jobNameStart))
                .map(e -> e.getValue().subTask).findFirst().orElse("");
    }

    @Override
    public IProgressMonitor createMonitor(Job job) {
        if (job.isSystem()) {
            return new NullProgressMonitor();
        }
        Row row = new Row(job);
        rows.put(job, row);
        return row;
    }

    private final class Row extends NullProgressMonitor {
        private final Job job;
        private volatile String subTask = "";
        private volatile int total = 1;
        private volatile int worked;
        private Label name;
        private Label detail;
        private ProgressBar bar;

        Row(Job job) {
            this.job = job;
            display.asyncExec(() -> {
                Composite box = new Composite(shell, SWT.NONE);
                box.setLayout(new GridLayout(1, false));
                box.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                name = new Label(box, SWT.NONE);
                name.setText(job.getName());
                name.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                bar = new ProgressBar(box, SWT.HORIZONTAL);
                bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                detail = new Label(box, SWT.NONE);
                detail.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                shell.layout(true, true);
            });
        }

        @Override
        public void beginTask(String taskName, int totalWork) {
            total = Math.max(1, totalWork);
            show();
        }

        @Override
        public void subTask(String text) {
            subTask = text;
            show();
        }

        @Override
        public void worked(int work) {
            worked += work;
            show();
        }

        @Override
        public void done() {
            worked = total;
            show();
        }

        private void show() {
            display.asyncExec(() -> {
                if (bar == null || bar.isDisposed()) {
                    return;
                }
                bar.setMaximum(total);
                bar.setSelection(worked);
                detail.setText(subTask);
                name.setText(job.getName() + (isCanceled() ? " (cancelled)" : ""));
                shell.layout(true, true);
            });
        }
    }
}
