package io.sift.runtime.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/** Raises the framework's start level, and returns once every bundle of the new levels has started. */
final class StartLevels {

    private final FrameworkStartLevel framework;

    StartLevels(BundleContext context) {
        this.framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
    }

    /** @return false if the level was not reached in time */
    boolean raiseTo(int level, Duration timeout) throws InterruptedException {
        if (framework.getStartLevel() >= level) {
            return true;
        }
        CountDownLatch reached = new CountDownLatch(1);
        framework.setStartLevel(level, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                reached.countDown();
            }
        });
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
