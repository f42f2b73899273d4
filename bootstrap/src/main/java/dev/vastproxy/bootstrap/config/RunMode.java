package dev.vastproxy.bootstrap.config;

/**
 * How the process runs.
 *
 * @param demo whether to run against the simulated fleet
 * @param headless whether to run without the dashboard
 */
public record RunMode(boolean demo, boolean headless) {}
