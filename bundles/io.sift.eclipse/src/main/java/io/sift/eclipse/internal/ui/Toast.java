package io.sift.eclipse.internal.ui;

import java.util.function.Consumer;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;

/**
 * A notification in the bottom-right corner that closes by itself: a finished transfer needs a
 * glance, not a click. Made with plain SWT, so it needs nothing beyond what every RCP application has.
 */
public final class Toast {

    /** How long it stays before it closes by itself. */
    static final int SHOW_MILLIS = 12_000;
    private static final int WIDTH = 420;

    private Toast() {
    }

    /**
     * Opens it. {@code links} is the text of an SWT {@link Link} ({@code <a href="open">Open</a>}) or
     * null; the href of a clicked link goes to {@code onLink}. Call on the UI thread.
     */
    public static Shell open(Display display, String title, String message, String links, Consumer<String> onLink) {
        Shell shell = new Shell(display, SWT.ON_TOP | SWT.TOOL | SWT.NO_FOCUS | SWT.BORDER);
        shell.setText(title);
        shell.setData("io.sift.eclipse.toast", title);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 12;
        layout.marginHeight = 10;
        shell.setLayout(layout);

        Label heading = new Label(shell, SWT.WRAP);
        heading.setText(title);
        heading.setFont(JFaceResources.getBannerFont());
        heading.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button close = new Button(shell, SWT.PUSH | SWT.FLAT);
        close.setText("\u00d7");
        close.setToolTipText("Close");
        close.addListener(SWT.Selection, e -> shell.close());

        Label body = new Label(shell, SWT.WRAP);
        body.setText(message);
        GridData bodyData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        bodyData.widthHint = WIDTH - 2 * layout.marginWidth;
        body.setLayoutData(bodyData);
        if (links != null) {
            Link link = new Link(shell, SWT.NONE);
            link.setText(links);
            link.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
            link.addListener(SWT.Selection, e -> onLink.accept(e.text));
        }

        Point size = shell.computeSize(WIDTH, SWT.DEFAULT);
        Rectangle area = display.getPrimaryMonitor().getClientArea();
        // above the notifications still showing, so that none hides another
        int bottom = area.y + area.height - 16;
        for (Shell other : display.getShells()) {
            if (other != shell && !other.isDisposed() && other.isVisible() && other.getData("io.sift.eclipse.toast") != null) {
                bottom = Math.min(bottom, other.getBounds().y - 8);
            }
        }
        int y = Math.max(area.y, bottom - size.y);
        shell.setBounds(area.x + area.width - size.x - 16, y, size.x, size.y);
        shell.setVisible(true);
        display.timerExec(SHOW_MILLIS, () -> {
            if (!shell.isDisposed()) {
                shell.close();
            }
        });
        return shell;
    }
}
