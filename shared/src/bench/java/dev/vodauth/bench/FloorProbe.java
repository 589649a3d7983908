package dev.vodauth.bench;

import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.Signer;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpRequest;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.regions.ProductDomain;
import com.aliyuncs.vod.model.v20170321.GetVideoPlayAuthRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The floor of the cold-start benchmarks: a fresh JVM making the same signed GetVideoPlayAuth
 * with the least code. The SDK's own request object is signed by the SDK's signer and sent with
 * the JDK's HttpURLConnection; Jackson reads the answer. No retries, no deadline, no validation,
 * no log line: what any Java function calling VOD through the SDK cannot avoid loading.
 *
 * <p>Arguments: {@code <videoId> <warm calls>}; environment {@code VOD_ENDPOINT},
 * {@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}. Prints the lines
 * both benchmarks read: {@code PROBE first} and {@code PROBE result init= first= warm=} on standard
 * output (the Lambda benchmark), {@code RESULT <initMs> <firstMs> <uptimeMs> <status> <cpuMs>} on standard
 * error (the FC benchmark).
 */
public final class FloorProbe {
  private FloorProbe() {}

  public static void main(String[] args) throws Exception {
    String videoId = args[0];
    int warmCalls = Integer.parseInt(args[1]);
    String endpoint = System.getenv("VOD_ENDPOINT");
    BasicCredentials keys = new BasicCredentials(
        System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");

    long start = System.nanoTime();
    ObjectMapper json = new ObjectMapper();
    JsonNode first = call(videoId, endpoint, keys, json);
    long answered = System.nanoTime();
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    double cpu = cpuMillis();
    out.println("PROBE first");
    out.println("PROBE cpu=" + cpu);
    String status = first.path("PlayAuth").isTextual() ? "200" : "bad";
    System.err.println("RESULT 0 " + (answered - start) / 1_000_000.0 + " " + uptime + " " + status + " " + cpu);
    if (!status.equals("200")) throw new IllegalStateException("no PlayAuth in the answer: " + first);

    long[] warm = new long[warmCalls];
    for (int i = 0; i < warmCalls; i++) {
      long t = System.nanoTime();
      call(videoId, endpoint, keys, json);
      warm[i] = System.nanoTime() - t;
    }
    double warmMedian = 0;
    if (warmCalls > 1) {
      long[] settled = Arrays.copyOfRange(warm, warmCalls / 2, warmCalls);
      Arrays.sort(settled);
      warmMedian = settled[settled.length / 2] / 1_000_000.0;
    }
    out.printf(Locale.ROOT, "PROBE result init=0 first=%.3f warm=%.3f%n", (answered - start) / 1_000_000.0, warmMedian);
  }

  /** CPU time this process has used so far, all threads (utime + stime of /proc/self/stat), or -1. */
  static double cpuMillis() {
    try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/stat")) {
      String stat = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0; // USER_HZ is 100 on Linux
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  private static JsonNode call(String videoId, String endpoint, BasicCredentials keys, ObjectMapper json)
      throws Exception {
    GetVideoPlayAuthRequest request = new GetVideoPlayAuthRequest();
    request.setVideoId(videoId);
    request.setSysProtocol(ProtocolType.HTTP);
    request.setSysAcceptFormat(FormatType.JSON);
    HttpRequest signed = request.signRequest(Signer.getSigner(keys), keys, FormatType.JSON, new ProductDomain("vod", endpoint));
    HttpURLConnection connection = (HttpURLConnection) new URL(signed.getSysUrl()).openConnection();
    connection.setRequestMethod(signed.getSysMethod().toString());
    for (Map.Entry<String, String> header : signed.getSysHeaders().entrySet()) {
      connection.setRequestProperty(header.getKey(), header.getValue());
    }
    byte[] body = signed.getHttpContent();
    if (body != null && body.length > 0) {
      connection.setDoOutput(true);
      try (OutputStream output = connection.getOutputStream()) {
        output.write(body);
      }
    }
    int status = connection.getResponseCode();
    try (InputStream input = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      JsonNode answer = json.readTree(input);
      if (status != 200) throw new IllegalStateException("VOD answered " + status + ": " + answer.path("Code").asText());
      return answer;
    }
  }
}
