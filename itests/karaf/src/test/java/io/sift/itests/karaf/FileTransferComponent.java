package io.sift.itests.karaf;

import java.util.Arrays;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Whether file transfer runs with a given configuration, asked of SCR. A class of its own: stock
 * Karaf has no SCR before the features install it, and the test class is loaded before that.
 */
final class FileTransferComponent {

    static final String NAME = "io.sift.filetransfer.internal.FileTransferComponent";

    private FileTransferComponent() {
    }

    static boolean activeWith(BundleContext context, String offerPolicy) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        Bundle bundle = Arrays.stream(context.getBundles())
                .filter(b -> "io.sift.filetransfer".equals(b.getSymbolicName())).findFirst().orElse(null);
        if (ref == null || bundle == null) {
            return false;
        }
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle, NAME);
            return description != null && scr.getComponentConfigurationDTOs(description).stream()
                    .anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE
                            && offerPolicy.equals(String.valueOf(c.properties.get("offerPolicy"))));
        } finally {
            context.ungetService(ref);
        }
    }
}
