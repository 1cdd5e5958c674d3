package io.sift.api;

/**
 * How an online resource of a contact presents itself (the {@code <show/>} of its presence).
 *
 * @since 1.2
 */
public enum Availability {
    /** Online, nothing shown. */
    AVAILABLE,
    /** Free to chat. */
    CHAT,
    AWAY,
    /** Away for longer ({@code xa}). */
    EXTENDED_AWAY,
    /** Do not disturb ({@code dnd}). */
    DO_NOT_DISTURB
}
