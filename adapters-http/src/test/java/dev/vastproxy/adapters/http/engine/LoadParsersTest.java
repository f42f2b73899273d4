package dev.vastproxy.adapters.http.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.load.EngineReport;
import java.nio.charset.StandardCharsets;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LoadParsersTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void vllmSeriesOfEveryEngineCoreAreSummed() {
    String text =
        "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
            + "# TYPE vllm:num_requests_running gauge\n"
            + "vllm:num_requests_running{engine=\"0\",model_name=\"a b\"} 3.0\n"
            + "vllm:num_requests_running{engine=\"1\",model_name=\"a b\"} 2.0\n"
            + "vllm:num_requests_waiting{engine=\"0\",model_name=\"a b\"} 4.0 1700000000000\n"
            + "vllm:kv_cache_usage_perc{engine=\"0\",model_name=\"a b\"} 0.2\n"
            + "vllm:kv_cache_usage_perc{engine=\"1\",model_name=\"a b\"} 0.4\n"
            + "vllm:generation_tokens_total{engine=\"0\",model_name=\"a b\"} 1.5e3\n"
            + "vllm:time_to_first_token_seconds_bucket{le=\"0.001\"} 0.0\n"
            + "vllm:num_requests_swapped NaN\n"
            + "process_cpu_seconds_total 12.5\n";

    EngineReport report = PrometheusLoadText.read(utf8(text)).orElseThrow();

    assertThat(report.running()).isEqualTo(5);
    assertThat(report.waiting()).isEqualTo(4);
    assertThat(report.kvCacheUsage().getAsDouble()).isCloseTo(0.3, Offset.offset(1e-9));
    assertThat(report.generatedTokens()).hasValue(1500);
    assertThat(report.tokensPerSecond()).isEmpty();
  }

  @Test
  void sglangWithEitherPrefix() {
    EngineReport colon =
        PrometheusLoadText.read(
                utf8(
                    "sglang:num_running_reqs{model_name=\"m\"} 7\n"
                        + "sglang:num_queue_reqs{model_name=\"m\"} 2\n"
                        + "sglang:token_usage{model_name=\"m\"} 0.5\n"
                        + "sglang:gen_throughput{model_name=\"m\"} 321.5\n"))
            .orElseThrow();
    EngineReport underscore =
        PrometheusLoadText.read(utf8("sglang_num_running_reqs 1\nsglang_num_queue_reqs 0\n"))
            .orElseThrow();

    assertThat(colon.requests()).isEqualTo(9);
    assertThat(colon.kvCacheUsage()).hasValue(0.5);
    assertThat(colon.tokensPerSecond()).hasValue(321.5);
    assertThat(underscore.running()).isEqualTo(1);
    assertThat(underscore.kvCacheUsage()).isEmpty();
  }

  @Test
  void textWithoutLoadFiguresIsNoReport() {
    assertThat(PrometheusLoadText.read(utf8("process_cpu_seconds_total 1\n"))).isEmpty();
    assertThat(PrometheusLoadText.read(utf8("vllm:num_requests_running{broken 1\n"))).isEmpty();
    assertThat(PrometheusLoadText.read(utf8("vllm:num_requests_running x\n"))).isEmpty();
    assertThat(PrometheusLoadText.read(utf8(""))).isEmpty();
  }

  @Test
  void outOfRangeValuesAreClamped() {
    EngineReport report =
        PrometheusLoadText.read(
                utf8("vllm:num_requests_running -3\nvllm:gpu_cache_usage_perc 1.7\n"))
            .orElseThrow();

    assertThat(report.running()).isZero();
    assertThat(report.kvCacheUsage()).hasValue(1.0);
  }

  @Test
  void sglangLoadsOfEveryRankAreSummed() {
    EngineReport report =
        SglangLoadsJson.read(
                utf8(
                    "{\"loads\":[{\"dp_rank\":0,\"num_running_reqs\":2,\"num_waiting_reqs\":1,"
                        + "\"token_usage\":0.5,\"gen_throughput\":100},"
                        + "{\"dp_rank\":1,\"num_running_reqs\":1,\"num_queue_reqs\":3,"
                        + "\"token_usage\":0.7}]}"))
            .orElseThrow();

    assertThat(report.running()).isEqualTo(3);
    assertThat(report.waiting()).isEqualTo(4);
    assertThat(report.kvCacheUsage().getAsDouble()).isCloseTo(0.6, Offset.offset(1e-9));
    assertThat(report.tokensPerSecond()).hasValue(100);
  }

  @Test
  void bodiesThatAreNoLoadsListAreNoReport() {
    assertThat(SglangLoadsJson.read(utf8("not json"))).isEmpty();
    assertThat(SglangLoadsJson.read(utf8("{\"loads\":[]}"))).isEmpty();
    assertThat(SglangLoadsJson.read(utf8("{\"loads\":[{\"x\":1}]}"))).isEmpty();
    assertThat(SglangLoadsJson.read(utf8("{}"))).isEmpty();
    EngineReport bare =
        SglangLoadsJson.read(utf8("{\"loads\":[{\"num_running_reqs\":1}]}")).orElseThrow();
    assertThat(bare.kvCacheUsage()).isEmpty();
    assertThat(bare.tokensPerSecond()).isEmpty();
  }
}
