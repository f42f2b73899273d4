package dev.vastproxy.adapters.http.archviolation;

import dev.vastproxy.bootstrap.VastProxyMain;

/** Breaks "nothing depends on bootstrap". */
public final class AdapterUsesBootstrap {
  /** Starts the product from an adapter. */
  public static void start() {
    VastProxyMain.main(new String[0]);
  }
}
