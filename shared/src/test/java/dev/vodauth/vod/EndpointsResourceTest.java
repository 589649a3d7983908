package dev.vodauth.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.endpoint.DefaultEndpointResolver;
import com.aliyuncs.endpoint.LocalConfigRegionalEndpointResolver;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.vod.Endpoint;
import com.aliyuncs.vod.model.v20170321.GetVideoPlayAuthRequest;
import com.aliyuncs.vod.model.v20170321.RefreshUploadVideoRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The SDK builds its endpoint resolver in every client's constructor and parses {@code endpoints.json}
 * for it, the first on the class path: ours, VOD's entries only, stands in for the SDK's 45 KB file
 * of every product. Every region VOD is offered in (and every region the SDK itself knows for VOD)
 * must resolve exactly as with the SDK's own file, and to the endpoint {@link Config} gives VOD calls.
 * (VOD's request classes carry their own endpoint map, which the SDK's resolver asks before the
 * file; the file's VOD entries are its fallback and are kept as the SDK has them.)
 */
class EndpointsResourceTest {
  /** VOD's public endpoints, one per region (ApsaraVideo VOD documentation, "Endpoints"). */
  private static final List<String> VOD_REGIONS = List.of("cn-beijing", "cn-shanghai", "cn-shenzhen", "ap-northeast-1",
      "ap-southeast-1", "ap-southeast-5", "cn-hongkong", "eu-central-1", "us-west-1");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSdkReadsOurs() throws IOException {
    URL ours = LocalConfigRegionalEndpointResolver.class.getClassLoader().getResource("endpoints.json");
    assertTrue(ours.getPath().contains("shared"), "the class path's endpoints.json is the shared module's: " + ours);
    byte[] sdk = sdkEndpointsJson().getBytes(StandardCharsets.UTF_8);
    try (InputStream in = ours.openStream()) {
      byte[] bytes = in.readAllBytes();
      assertTrue(bytes.length * 20 < sdk.length, bytes.length + " bytes against the SDK's " + sdk.length);
    }
  }

  @Test
  void ourFileHoldsTheSdksVodEntriesAndRegions() throws IOException {
    JsonNode sdk = JSON.readTree(sdkEndpointsJson());
    JsonNode ours;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("endpoints.json")) {
      ours = JSON.readTree(in);
    }
    assertEquals(sdk.path("regional_endpoints").path("vod"), ours.path("regional_endpoints").path("vod"));
    assertEquals(sdk.path("regions"), ours.path("regions"));
    assertTrue(sdk.path("global_endpoints").path("vod").isMissingNode(), "the SDK has no global VOD endpoint");
    assertTrue(sdk.path("location_code_mapping").path("vod").isMissingNode(), "nor a location code for VOD");
  }

  @Test
  void everyVodRegionResolvesAsWithTheSdksOwnFile() throws Exception {
    DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai");
    HttpClientConfig http = HttpClientConfig.getDefault();
    http.setClientType(HttpClientType.Compatible);
    profile.setHttpClientConfig(http);
    DefaultAcsClient client = new DefaultAcsClient(profile, new StaticCredentialsProvider(new BasicCredentials("id", "secret")));
    DefaultEndpointResolver withOurs = new DefaultEndpointResolver(client, profile);
    DefaultEndpointResolver withTheSdks = new DefaultEndpointResolver(client, sdkEndpointsJson(), profile);

    TreeSet<String> regions = new TreeSet<>(VOD_REGIONS);
    regions.addAll(Endpoint.endpointMap.keySet());
    JSON.readTree(sdkEndpointsJson()).path("regional_endpoints").path("vod").fieldNames().forEachRemaining(regions::add);
    JSON.readTree(sdkEndpointsJson()).path("regions").forEach(region -> regions.add(region.asText()));
    for (String region : regions) {
      for (AcsRequest<?> request : List.of(new GetVideoPlayAuthRequest(), new RefreshUploadVideoRequest())) {
        String sdks = resolve(client, withTheSdks, request, region);
        assertEquals(sdks, resolve(client, withOurs, request, region), region);
        if (VOD_REGIONS.contains(region)) {
          assertEquals(Config.from(Map.of(Config.VOD_REGION, region)).endpoint(), sdks, "the endpoint VOD calls in " + region + " go to");
        }
      }
    }
    assertTrue(regions.size() > 40, regions.toString());
    assertNotEquals(resolve(client, withTheSdks, new GetVideoPlayAuthRequest(), "us-east-1"),
        resolve(client, withTheSdks, new GetVideoPlayAuthRequest(), "us-west-1"), "the resolution depends on the region");
  }

  private static String resolve(DefaultAcsClient client, DefaultEndpointResolver resolver, AcsRequest<?> request, String region)
      throws ClientException {
    client.setEndpointResolver(resolver);
    return client.getDomain(request, region).getDomainName();
  }

  /** The SDK's own endpoints.json, from its jar. */
  private static String sdkEndpointsJson() throws IOException {
    try {
      Path jar = Path.of(LocalConfigRegionalEndpointResolver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry("endpoints.json"))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
