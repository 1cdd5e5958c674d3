package io.sift.eclipse.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IPath;

/**
 * Files of the Eclipse workspace (org.eclipse.core.resources). That bundle is optional: an RCP
 * application without a workspace does not have it, and then no element is a resource.
 */
final class WorkspaceFiles {

    private WorkspaceFiles() {
    }

    static Optional<Path> location(Object element) {
        try {
            return resourceLocation(element);
        } catch (NoClassDefFoundError noWorkspace) {
            return Optional.empty();
        }
    }

    private static Optional<Path> resourceLocation(Object element) {
        IResource resource = Adapters.adapt(element, IResource.class);
        if (resource == null || resource.getType() != IResource.FILE) {
            return Optional.empty();
        }
        // linked and virtual resources have a location too; a resource only in a remote file system has none
        IPath location = resource.getLocation();
        return location == null ? Optional.empty() : Optional.of(location.toPath());
    }
}
