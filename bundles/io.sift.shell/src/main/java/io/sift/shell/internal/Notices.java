package io.sift.shell.internal;

/**
 * Where one-line notices for the people at the shell go: offers that wait for them, files that
 * arrived or failed to. Implemented by the shell that can show them (Karaf's console sessions).
 */
public interface Notices {

    void post(String line);
}
