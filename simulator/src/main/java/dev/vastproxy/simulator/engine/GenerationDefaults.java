package dev.vastproxy.simulator.engine;

/**
 * The engine's settings for a generation, before a request's own limits and overrides.
 *
 * @param tokens tokens per generation
 * @param ttftMillis the wait before the first token
 * @param delayMillis the wait between tokens
 * @param timestamps whether token events carry the send time as {@code "t"}
 */
record GenerationDefaults(int tokens, long ttftMillis, long delayMillis, boolean timestamps) {}
