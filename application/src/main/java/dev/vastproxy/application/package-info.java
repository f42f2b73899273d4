/**
 * The application layer: the use cases the adapters drive (in-ports), the outside world it needs
 * (out-ports), and the services that own the fleet loops. Depends on the domain alone; logs through
 * {@link java.lang.System.Logger}.
 */
package dev.vastproxy.application;
