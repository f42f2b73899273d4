package dev.vastproxy.application.port.out;

/** Lists every instance of the vast.ai account, all pages joined. */
public interface ListInstancesPort {

  /**
   * Lists the instances. May block for the length of the API's timeouts and retries.
   *
   * @throws VastApiException when no complete listing could be had
   */
  InstanceListing listInstances() throws VastApiException;
}
