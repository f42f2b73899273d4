/**
 * The vastproxy domain: vast.ai instances, the backends they become, their states, GPU readings and
 * backend selection. Plain Java with no dependencies beyond the JDK.
 */
package dev.vastproxy.domain;
