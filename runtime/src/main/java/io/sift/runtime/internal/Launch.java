package io.sift.runtime.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;

/**
 * Connects the command line to bnd's launcher, which runs the runnable jar: the launcher registers
 * a service carrying the arguments ({@code launcher.arguments}) and marks it ready once every
 * bundle has started; a {@link Callable} registered with {@code main.thread=true} then runs on the
 * process's main thread and its result becomes the exit status.
 */
@Component(service = {})
public final class Launch {

    static final String ARGUMENTS = "launcher.arguments";

    private final ServiceRegistration<?> main;

    @Activate
    public Launch(BundleContext context,
            @Reference(service = Object.class, target = "(&(launcher.arguments=*)(launcher.ready=true))")
            Map<String, Object> launcher,
            @Reference ConfigurationAdmin configAdmin,
            @Reference LogReaderService logReader,
            @Reference LoggerAdmin loggerAdmin,
            @Reference SessionFactory sessions) {
        Object raw = launcher.get(ARGUMENTS);
        String[] args = raw instanceof String[] a ? a : new String[0];
        // this bundle is the process's command line: its output is the program's output, on the
        // process's own descriptors (not whatever a shell session redirected System.out to)
        Charset charset = Charset.defaultCharset();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        Cli cli = new Cli(context, configAdmin, new ProcessLog(logReader, loggerAdmin), sessions, args, new FileInputStream(FileDescriptor.in), out, err);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("main.thread", "true");
        String mark = context.getProperty(ClassDataMark.PROPERTY);
        main = context.registerService(Callable.class,
                new ClassDataMark(cli, mark == null || mark.isEmpty() ? null : Path.of(mark)), props);
    }

    @Deactivate
    void deactivate() {
        try {
            main.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }
}
