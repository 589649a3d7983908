package com.aliyuncs.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared module's {@link DefaultEndpointResolver} (built on first use) against the SDK's own
 * (built in every client's constructor), the latter loaded from the SDK's jar in a class loader of
 * its own: the same public API, and every region VOD is offered in, and every region the SDK knows,
 * resolved to the same endpoint for both VOD requests the functions make, which is also the
 * endpoint {@link Config} gives VOD calls there.
 */
class LazyEndpointResolverTest {
  /** VOD's public endpoints, one per region (ApsaraVideo VOD documentation, "Endpoints"). */
  private static final List<String> VOD_REGIONS = List.of("cn-beijing", "cn-shanghai", "cn-shenzhen", "ap-northeast-1",
      "ap-southeast-1", "ap-southeast-5", "cn-hongkong", "eu-central-1", "us-west-1");
  private static final List<String> REQUESTS = List.of("com.aliyuncs.vod.model.v20170321.GetVideoPlayAuthRequest",
      "com.aliyuncs.vod.model.v20170321.RefreshUploadVideoRequest");

  private static URLClassLoader sdkOnly;

  /** The test class path less the shared module's own classes: there the SDK's class is the one found. */
  @BeforeAll
  static void sdkClassLoader() throws Exception {
    Path ours = Path.of(DefaultEndpointResolver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(ours.toAbsolutePath())) urls.add(Path.of(entry).toUri().toURL());
    }
    sdkOnly = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    Class<?> sdks = sdkOnly.loadClass(DefaultEndpointResolver.class.getName());
    assertNotSame(DefaultEndpointResolver.class, sdks);
    assertTrue(sdks.getProtectionDomain().getCodeSource().getLocation().getPath().contains("aliyun-java-sdk-core"),
        "the SDK's own class: " + sdks.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void sameApiAsTheSdks() throws Exception {
    Class<?> sdks = sdkOnly.loadClass(DefaultEndpointResolver.class.getName());
    assertEquals(api(sdks), api(DefaultEndpointResolver.class));
    assertEquals(Arrays.stream(sdks.getInterfaces()).map(Class::getName).collect(Collectors.toList()),
        Arrays.stream(DefaultEndpointResolver.class.getInterfaces()).map(Class::getName).collect(Collectors.toList()));
  }

  @Test
  void everyVodRegionResolvesAsWithTheSdksResolver() throws Exception {
    TreeSet<String> regions = new TreeSet<>(VOD_REGIONS);
    JsonNode endpoints = new ObjectMapper().readTree(sdkEndpointsJson());
    endpoints.path("regional_endpoints").path("vod").fieldNames().forEachRemaining(regions::add);
    endpoints.path("regions").forEach(region -> regions.add(region.asText()));
    @SuppressWarnings("unchecked")
    Map<String, String> vodOwn = (Map<String, String>) Class.forName("com.aliyuncs.vod.Endpoint").getField("endpointMap").get(null);
    regions.addAll(vodOwn.keySet());

    for (String region : regions) {
      for (String request : REQUESTS) {
        String sdks = resolve(sdkOnly, request, region);
        assertEquals(sdks, resolve(getClass().getClassLoader(), request, region), request + " in " + region);
        if (VOD_REGIONS.contains(region)) {
          assertEquals(Config.from(Map.of(Config.VOD_REGION, region)).endpoint(), sdks, "where VOD calls in " + region + " go");
        }
      }
    }
    assertTrue(regions.size() > 40, regions.toString());
    assertNotEquals(resolve(sdkOnly, REQUESTS.get(0), "us-east-1"), resolve(sdkOnly, REQUESTS.get(0), "us-west-1"));
  }

  /** Building a client loads no endpoints file and no gson; the first resolution does (with the SDK's class, both happen at once). */
  @Test
  void aClientParsesNothingUntilItResolves() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(DefaultEndpointResolver.class.getProtectionDomain().getCodeSource().getLocation());
    urls.addAll(Arrays.asList(sdkOnly.getURLs()));
    for (boolean withOurs : new boolean[] {true, false}) {
      RecordingLoader loader = new RecordingLoader(withOurs ? urls : Arrays.asList(sdkOnly.getURLs()));
      Object client = client(loader);
      // The endpoints file is parsed by gson's JsonParser in LocalConfigRegionalEndpointResolver's static initialiser.
      assertEquals(!withOurs, loader.loaded.contains("com.google.gson.JsonParser"), "gson when the client is built, ours: " + withOurs);
      Object request = loader.loadClass(REQUESTS.get(0)).getConstructor().newInstance();
      client.getClass().getMethod("getDomain", loader.loadClass("com.aliyuncs.AcsRequest"), String.class).invoke(client, request, "cn-shanghai");
      assertTrue(loader.loaded.contains("com.google.gson.JsonParser"), "the chain, once asked");
    }
  }

  /** Loads the given class path itself (the platform's classes from its parent) and notes what it loaded. */
  private static final class RecordingLoader extends URLClassLoader {
    final java.util.Set<String> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RecordingLoader(List<URL> urls) {
      super(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      loaded.add(name);
      return super.findClass(name);
    }
  }

  /** What a {@code DefaultAcsClient} of that class loader resolves for a fresh request of that class. */
  private static String resolve(ClassLoader loader, String requestClass, String region) throws Exception {
    Object client = client(loader);
    Object request = loader.loadClass(requestClass).getConstructor().newInstance();
    Method getDomain = client.getClass().getMethod("getDomain", loader.loadClass("com.aliyuncs.AcsRequest"), String.class);
    Object domain = getDomain.invoke(client, request, region);
    return (String) domain.getClass().getMethod("getDomainName").invoke(domain);
  }

  /** A client as VodClient builds one (the JDK's HTTP client, a credentials provider), in that class loader. */
  private static Object client(ClassLoader loader) throws Exception {
    Class<?> profiles = loader.loadClass("com.aliyuncs.profile.DefaultProfile");
    Object profile = profiles.getMethod("getProfile", String.class).invoke(null, "cn-shanghai");
    // The JDK's HTTP client by the SDK's system property: HttpClientConfig's methods name Apache's types, which reflection would load.
    String previous = System.setProperty("aliyuncs.sdk.httpclient", "com.aliyuncs.http.clients.CompatibleUrlConnClient");
    Class<?> basic = loader.loadClass("com.aliyuncs.auth.BasicCredentials");
    Object keys = basic.getConstructor(String.class, String.class).newInstance("id", "secret");
    Class<?> staticProvider = loader.loadClass("com.aliyuncs.auth.StaticCredentialsProvider");
    Object provider = staticProvider.getConstructor(loader.loadClass("com.aliyuncs.auth.AlibabaCloudCredentials")).newInstance(keys);
    try {
      return loader.loadClass("com.aliyuncs.DefaultAcsClient")
          .getConstructor(loader.loadClass("com.aliyuncs.profile.IClientProfile"),
              loader.loadClass("com.aliyuncs.auth.AlibabaCloudCredentialsProvider"))
          .newInstance(profile, provider);
    } finally {
      if (previous == null) System.clearProperty("aliyuncs.sdk.httpclient"); else System.setProperty("aliyuncs.sdk.httpclient", previous);
    }
  }

  private static List<String> api(Class<?> type) {
    return Stream.of(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredFields()))
        .flatMap(s -> s)
        .map(member -> (Member) member)
        .filter(member -> Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers()))
        .map(LazyEndpointResolverTest::signature)
        .sorted()
        .collect(Collectors.toList());
  }

  private static String signature(Member member) {
    String modifiers = Modifier.toString(member.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC));
    if (member instanceof Constructor) {
      return modifiers + " <init>" + Arrays.toString(((Constructor<?>) member).getParameterTypes());
    }
    if (member instanceof Method) {
      Method method = (Method) member;
      return modifiers + " " + method.getReturnType().getName() + " " + method.getName() + Arrays.toString(method.getParameterTypes())
          + " throws " + Arrays.toString(method.getExceptionTypes());
    }
    return modifiers + " " + ((java.lang.reflect.Field) member).getType().getName() + " " + member.getName();
  }

  /** The SDK's own endpoints.json, from its jar. */
  private static String sdkEndpointsJson() throws Exception {
    Path jar = Path.of(sdkOnly.loadClass(LocalConfigRegionalEndpointResolver.class.getName())
        .getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry("endpoints.json"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw e;
    }
  }
}
