package io.sift.itests.karaf;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
        return configurations(context).stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE
                && offerPolicy.equals(String.valueOf(c.properties.get("offerPolicy"))));
    }

    /** What SCR shows of the component's configurations, for a failure message: states, policies, failures. */
    static String describe(BundleContext context) {
        List<ComponentConfigurationDTO> configurations = configurations(context);
        if (configurations.isEmpty()) {
            return "no configuration of " + NAME + " in SCR";
        }
        return configurations.stream().map(c -> "state " + c.state + ", offerPolicy="
                + c.properties.get("offerPolicy") + ", downloadDirectory=" + c.properties.get("downloadDirectory")
                + ", from " + c.properties.get("felix.fileinstall.filename")
                + (c.failure == null ? "" : ", failure: " + c.failure)).collect(Collectors.joining("; "));
    }

    private static List<ComponentConfigurationDTO> configurations(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        Bundle bundle = Arrays.stream(context.getBundles())
                .filter(b -> "io.sift.filetransfer".equals(b.getSymbolicName())).findFirst().orElse(null);
        if (ref == null || bundle == null) {
            return List.of();
        }
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            ComponentDescriptionDTO description = scr == null ? null : scr.getComponentDescriptionDTO(bundle, NAME);
            return description == null ? List.of() : List.copyOf(scr.getComponentConfigurationDTOs(description));
        } finally {
            context.ungetService(ref);
        }
    }
}
