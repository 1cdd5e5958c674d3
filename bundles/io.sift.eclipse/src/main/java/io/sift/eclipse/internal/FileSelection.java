package io.sift.eclipse.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.IStructuredSelection;

/**
 * The local files a selection stands for: workspace resources (Project Explorer, navigators), and
 * anything that is, or adapts to, a {@link Path} or a {@link File}. Elements that are no regular file
 * (folders, projects, Java elements without a file) are left out.
 */
public final class FileSelection {

    private FileSelection() {
    }

    /** The files of a selection (in its order, each once), else of the editor input, else none. */
    public static List<Path> files(Object selection, Object editorInput) {
        Set<Path> files = new LinkedHashSet<>();
        if (selection instanceof IStructuredSelection structured) {
            for (Object element : structured.toList()) {
                toFile(element).ifPresent(files::add);
            }
        }
        if (files.isEmpty() && editorInput != null) {
            toFile(editorInput).ifPresent(files::add);
        }
        return new ArrayList<>(files);
    }

    static Optional<Path> toFile(Object element) {
        return toPath(element).map(p -> p.toAbsolutePath().normalize()).filter(Files::isRegularFile);
    }

    private static Optional<Path> toPath(Object element) {
        if (element instanceof Path path) {
            return Optional.of(path);
        }
        if (element instanceof File file) {
            return Optional.of(file.toPath());
        }
        Optional<Path> resource = WorkspaceFiles.location(element);
        if (resource.isPresent()) {
            return resource;
        }
        Path adaptedPath = Adapters.adapt(element, Path.class);
        if (adaptedPath != null) {
            return Optional.of(adaptedPath);
        }
        File adaptedFile = Adapters.adapt(element, File.class);
        return Optional.ofNullable(adaptedFile).map(File::toPath);
    }
}
