package dev.vastproxy.domain.backend;

/** Which way GPU metrics reach us over SSH. */
public enum SshPath {
  /** No SSH session yet. */
  NONE,
  /** Straight to the instance's public address. */
  DIRECT,
  /** Through vast.ai's SSH proxy host. */
  PROXY
}
