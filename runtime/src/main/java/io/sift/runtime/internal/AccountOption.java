package io.sift.runtime.internal;

/** An account given on the command line ({@code --jid --password ...}) instead of a file. */
record AccountOption(String jid, String password, String host, int port, boolean tls) {
}
