package io.sift.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Tells bin/sift that the run recording a class-data archive did what it was asked: the launcher
 * names a file in {@value #PROPERTY}, and a command that ends with status 0 creates it. An archive of
 * a run that failed (a login refused, a peer that never answered) holds the classes of the start
 * only, and the launcher would otherwise keep it for every later run in place of one that holds a
 * transfer's.
 */
final class ClassDataMark implements Callable<Integer> {

    static final String PROPERTY = "sift.classData.done";

    private final Callable<Integer> command;
    private final Path mark;

    /** mark: the file to create on success, or null when this run records no archive. */
    ClassDataMark(Callable<Integer> command, Path mark) {
        this.command = command;
        this.mark = mark;
    }

    @Override
    public Integer call() throws Exception {
        Integer status = command.call();
        if (mark != null && status != null && status == 0) {
            try {
                Files.createFile(mark);
            } catch (IOException e) {
                // no mark, no archive: the next run records again
            }
        }
        return status;
    }
}
