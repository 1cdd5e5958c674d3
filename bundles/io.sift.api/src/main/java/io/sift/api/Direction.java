package io.sift.api;

/** Whether this side sends or receives the file. */
public enum Direction {
    INCOMING,
    OUTGOING
}
