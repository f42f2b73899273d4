package dev.vastproxy.domain.archviolation;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks "the domain depends on the JDK alone": a domain class that uses Jackson. */
public final class DomainUsesJackson {
  /** Reads JSON in the domain, which it must not. */
  public static Object read(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }
}
