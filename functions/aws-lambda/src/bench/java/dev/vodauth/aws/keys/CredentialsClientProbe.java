package dev.vodauth.aws.keys;

import dev.vodauth.aws.ColdStartProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.VodCredentials;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One fresh JVM of {@code bench.CredentialsClientBenchmark}: reads the function's AccessKey pair
 * from (a stand-in of) Secrets Manager with the role's keys from (a stand-in of) the container
 * credentials endpoint, as a SnapStart function does, with either our client ({@code ours}:
 * {@link AwsKeySource#from}) or the AWS SDK for Java v2 ({@code sdk}:
 * {@code SecretsManagerClient} on {@code UrlConnectionHttpClient}, {@code ContainerCredentialsProvider}).
 *
 * <p>Mode {@code on-demand}: build the client and read the keys once, timed. Mode {@code snapstart}:
 * build, read once (the warm-up a beforeCheckpoint hook does), drop every key as afterRestore does
 * (ours: {@code invalidate}; the SDK: a new provider and client, whose caches start empty), then time
 * the next read. Prints {@code PROBE result init=<ms> first=<ms>} and {@code PROBE cpu=<ms>}.
 */
public final class CredentialsClientProbe {
  private CredentialsClientProbe() {}

  public static void main(String[] args) throws Exception {
    boolean sdk = args[0].equals("sdk");
    boolean snapStart = args[1].equals("snapstart");
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    Map<String, String> env = System.getenv();

    long start = System.nanoTime();
    ObjectMapper json = new ObjectMapper();
    Reader reader = sdk ? new SdkReader(env, json) : new OurReader(env, json);
    long built = System.nanoTime();
    VodCredentials keys = reader.read();
    long read = System.nanoTime();
    if (snapStart) {
      reader = reader.restored();
      built = System.nanoTime();
      keys = reader.read();
      read = System.nanoTime();
    }
    double cpu = ColdStartProbe.cpuMillis();
    if (!keys.accessKeyId().startsWith("LTAI")) throw new IllegalStateException("unexpected keys");
    out.printf(Locale.ROOT, "PROBE result init=%.3f first=%.3f warm=0%n", (built - start) / 1e6, (read - built) / 1e6);
    out.println("PROBE cpu=" + cpu);
  }

  private interface Reader {
    VodCredentials read();

    /** The reader after a restore: no key cached. */
    Reader restored();
  }

  private static final class OurReader implements Reader {
    private final CredentialsSource source;

    OurReader(Map<String, String> env, ObjectMapper json) {
      this.source = AwsKeySource.from(env, Clock.systemUTC(), json);
    }

    @Override
    public VodCredentials read() {
      return source.load();
    }

    @Override
    public Reader restored() {
      source.invalidate();
      return this;
    }
  }

  private static final class SdkReader implements Reader {
    private final Map<String, String> env;
    private final ObjectMapper json;
    private final SecretsManagerClient client;

    SdkReader(Map<String, String> env, ObjectMapper json) {
      this.env = env;
      this.json = json;
      this.client = SecretsManagerClient.builder()
          .httpClient(UrlConnectionHttpClient.create())
          .region(Region.of(env.get(SecretsManagerCredentials.REGION)))
          .endpointOverride(URI.create(env.get(SecretsManagerCredentials.ENDPOINT)))
          .credentialsProvider(ContainerCredentialsProvider.builder().build())
          .build();
    }

    @Override
    public VodCredentials read() {
      String secret = client.getSecretValue(r -> r.secretId(env.get(AwsKeySource.SECRET_ARN))).secretString();
      try {
        JsonNode keys = json.readTree(secret);
        return VodCredentials.of(keys.path("AccessKeyId").asText(), keys.path("AccessKeySecret").asText());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("the secret is not JSON", e);
      }
    }

    @Override
    public Reader restored() {
      client.close();
      return new SdkReader(env, json);
    }
  }
}
