package dev.vastproxy.application.port.out;

import java.time.Duration;

/** Lists every instance of the vast.ai account, all pages joined. */
public interface ListInstancesPort {

  /**
   * Lists the instances. May block for the length of the API's timeouts and retries.
   *
   * @throws VastApiException when no complete listing could be had
   */
  InstanceListing listInstances() throws VastApiException;

  /**
   * How long one answer from the API may take; a listing still under way after this long means the
   * API is not answering (it may still end well, after retries).
   */
  Duration answerTimeout();
}
