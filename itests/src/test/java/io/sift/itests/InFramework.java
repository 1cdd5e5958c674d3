package io.sift.itests;

import javax.inject.Inject;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * What a Pax Exam test of SIFT's runtime set starts from: the framework with every runtime bundle
 * and the local Prosody, and the services tests configure it through. A test class extends it and
 * runs with {@code @RunWith(PaxExam.class)}.
 */
public abstract class InFramework {

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    protected ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }
}
