package io.sift.eclipse.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;

/**
 * Drives SWT the way a person would, from a thread that is not the UI thread (as SWTBot does): every
 * read and action goes through {@link Display#syncExec}, and waits poll with a deadline while the UI
 * thread keeps dispatching events (modal dialogs run their own event loop there).
 */
final class Ui {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final Display display;

    Ui(Display display) {
        this.display = display;
    }

    /** Runs on the UI thread and returns its result; exceptions come back to the caller. */
    <T> T sync(Callable<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        if (failure.get() instanceof RuntimeException r) {
            throw r;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }

    void run(Runnable task) {
        sync(() -> {
            task.run();
            return null;
        });
    }

    /** The visible shell whose title starts with the text. */
    Shell awaitShell(String titleStart) throws InterruptedException {
        AtomicReference<Shell> found = new AtomicReference<>();
        Await.until(WAIT, "a window titled \"" + titleStart + "...\"", () -> {
            found.set(sync(() -> shell(titleStart).orElse(null)));
            return found.get() != null;
        });
        return found.get();
    }

    Optional<Shell> shell(String titleStart) {
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible() && shell.getText().startsWith(titleStart)) {
                return Optional.of(shell);
            }
        }
        return Optional.empty();
    }

    /** On the UI thread: the control named {@code name} (its data "name", as SIFT's dialogs set it). */
    static <T extends Control> T named(Composite root, String name, Class<T> type) {
        return find(root, c -> name.equals(c.getData("name")), type)
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    /** On the UI thread: the button with this label (mnemonics ignored). */
    static Button button(Composite root, String label) {
        return find(root, c -> c instanceof Button b && b.getText().replace("&", "").equals(label), Button.class)
                .orElseThrow(() -> new AssertionError("no button " + label));
    }

    static <T extends Control> Optional<T> find(Composite root, Predicate<Control> test, Class<T> type) {
        List<Control> queue = new ArrayList<>(List.of(root.getChildren()));
        while (!queue.isEmpty()) {
            Control c = queue.remove(0);
            if (type.isInstance(c) && test.test(c)) {
                return Optional.of(type.cast(c));
            }
            if (c instanceof Composite composite) {
                queue.addAll(List.of(composite.getChildren()));
            }
        }
        return Optional.empty();
    }

    /** On the UI thread: a click, as the person's mouse would give it. */
    static void click(Button button) {
        if (!button.isEnabled()) {
            throw new AssertionError("button " + button.getText() + " is disabled");
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    /**
     * Saves the shell as a PNG a person can look at. The shell draws itself into an image (what else is on
     * the screen does not matter); GTK paints a window some time after it is mapped, so this waits until
     * the picture has content (more than one colour), with the UI thread dispatching events meanwhile.
     */
    Path screenshot(Shell shell, String name) throws InterruptedException {
        AtomicReference<ImageData> picture = new AtomicReference<>();
        Await.until(WAIT, "the window \"" + name + "\" painted", () -> {
            picture.set(sync(() -> capture(shell)));
            return picture.get() != null && !uniform(picture.get());
        });
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { picture.get() };
            Path dir = Files.createDirectories(Path.of(System.getProperty("sift.screenshots", "target/screenshots")));
            Path file = dir.resolve(name + ".png");
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** On the UI thread: the shell drawn into an image, or null while it cannot be drawn yet. */
    private ImageData capture(Shell shell) {
        if (shell.isDisposed() || !shell.isVisible()) {
            return null;
        }
        shell.layout(true, true);
        shell.redraw();
        shell.update();
        Rectangle bounds = shell.getBounds();
        if (bounds.width <= 0 || bounds.height <= 0) {
            return null;
        }
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(image);
        try {
            if (!shell.print(gc)) {
                // no offscreen drawing for this widget: what the screen shows where the shell is
                gc.dispose();
                gc = new GC(display);
                gc.copyArea(image, bounds.x, bounds.y);
            }
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static boolean uniform(ImageData data) {
        int first = data.getPixel(0, 0);
        for (int y = 0; y < data.height; y += 2) {
            for (int x = 0; x < data.width; x += 2) {
                if (data.getPixel(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * On the UI thread (the test's): runs {@code driver} on a thread of its own while dispatching events,
     * until it ends; returns its result or rethrows what it threw.
     */
    static <T> T drive(Display display, Duration timeout, Callable<T> driver) throws Exception {
        FutureTask<T> task = new FutureTask<>(driver);
        Thread thread = new Thread(task, "ui-driver");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!task.isDone()) {
            if (System.nanoTime() - deadline > 0) {
                thread.interrupt();
                throw new AssertionError("The UI script did not end within " + timeout.toSeconds() + " s");
            }
            if (!display.readAndDispatch()) {
                // wake up at least every 50 ms to look at the driver
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw (Error) e.getCause();
        }
    }

    /** Pumps events on the UI thread until the condition holds. */
    static void pumpUntil(Display display, Duration timeout, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
    }
}
