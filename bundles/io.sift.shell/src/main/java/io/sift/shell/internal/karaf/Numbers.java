package io.sift.shell.internal.karaf;

import io.sift.shell.command.CommandFailure;

/** Checks of the numbers options take, beyond Karaf's conversion to a whole number. */
final class Numbers {

    private Numbers() {
    }

    static void atLeast(String option, int value, int least) throws CommandFailure {
        if (value < least) {
            throw new CommandFailure(CommandFailure.USAGE, option + " must be at least " + least + ", not " + value);
        }
    }
}
