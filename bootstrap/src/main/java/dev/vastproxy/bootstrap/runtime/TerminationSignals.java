package dev.vastproxy.bootstrap.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action when the process gets SIGTERM or SIGINT, in place of the JVM's own handling, so
 * that a graceful shutdown can end with status 0 (a JVM stopped by a signal exits with 128+n). The
 * JDK's signal API is reached by reflection: it is not part of the public API, and naming it would
 * make the compiler warn.
 */
public final class TerminationSignals {
  private TerminationSignals() {}

  /**
   * Installs the action for both signals.
   *
   * @return false when the JDK offers no way to do so (the JVM's default handling then applies)
   */
  public static boolean onTermination(Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, new Invoke(action));
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : new String[] {"TERM", "INT"}) {
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        handle.invoke(null, signal, handler);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Calls the action for {@code handle(Signal)}, answers the Object methods. */
  private static final class Invoke implements InvocationHandler {
    private final Runnable action;

    Invoke(Runnable action) {
      this.action = action;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "handle":
          action.run();
          return null;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        default:
          return "termination signal handler";
      }
    }
  }
}
