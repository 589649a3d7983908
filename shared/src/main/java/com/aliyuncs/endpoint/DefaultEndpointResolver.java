package com.aliyuncs.endpoint;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.profile.IClientProfile;
import com.aliyuncs.utils.StringUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the Aliyun SDK's class of this name (aliyun-java-sdk-core 4.7.x, left out of the
 * shaded jars; on a class path the shared module comes first): the same public API and the same
 * resolver chain, in the same order, but built on the first {@link #resolve} instead of in the
 * constructor. Every {@code DefaultAcsClient} builds one, and building the chain parses
 * {@code endpoints.json} with gson; VodClient names the endpoint of every request, so it never
 * resolves one and the chain is never built (BENCHMARKS.md: about 80 classes and 100 ms of a cold
 * start). EndpointsResourceTest checks every VOD region against the SDK's own class.
 */
public class DefaultEndpointResolver implements EndpointResolver {
  public static UserCustomizedEndpointResolver predefinedEndpointResolver = new UserCustomizedEndpointResolver();

  private final UserCustomizedEndpointResolver userCustomizedEndpointResolver = new UserCustomizedEndpointResolver();
  private final IAcsClient client;
  private final String userConfig;
  private final IClientProfile profile;
  private volatile EndpointResolver chain;

  public DefaultEndpointResolver(IAcsClient client, String userConfig, IClientProfile profile) {
    this.client = client;
    this.userConfig = userConfig;
    this.profile = profile;
  }

  public DefaultEndpointResolver(IAcsClient client) {
    this(client, null, DefaultProfile.getProfile(null));
  }

  public DefaultEndpointResolver(IAcsClient client, IClientProfile profile) {
    this(client, null, profile);
  }

  @Override
  public String resolve(ResolveEndpointRequest request) throws ClientException {
    EndpointResolver resolver = chain;
    if (resolver == null) {
      synchronized (this) {
        if (chain == null) chain = buildChain();
        resolver = chain;
      }
    }
    return resolver.resolve(request);
  }

  public void putEndpointEntry(String regionId, String productCode, String endpoint) {
    userCustomizedEndpointResolver.putEndpointEntry(regionId, productCode, endpoint);
  }

  /** The SDK's chain: its order decides which answer wins. */
  private EndpointResolver buildChain() {
    List<EndpointResolverBase> resolvers = new ArrayList<EndpointResolverBase>();
    resolvers.add(predefinedEndpointResolver);
    resolvers.add(userCustomizedEndpointResolver);
    if (profile.isUsingVpcEndpoint()) resolvers.add(new UserVpcEndpointResolver());
    resolvers.add(new EndpointResolverRules());
    resolvers.add(userConfig == null ? new LocalConfigRegionalEndpointResolver() : new LocalConfigRegionalEndpointResolver(userConfig));
    resolvers.add(userConfig == null ? new LocalConfigGlobalEndpointResolver() : new LocalConfigGlobalEndpointResolver(userConfig));
    String endpoint = profile.getLocationServiceEndpoint();
    if (StringUtils.isEmpty(endpoint)) endpoint = System.getenv("ALIBABA_CLOUD_LOCATION_SERVICE_ENDPOINT");
    String apiVersion = profile.getLocationServiceApiVersion();
    if (StringUtils.isEmpty(apiVersion)) apiVersion = System.getenv("ALIBABA_CLOUD_LOCATION_SERVICE_API_VERSION");
    if (!Boolean.parseBoolean(System.getenv("ALIBABA_CLOUD_LOCATION_SERVICE_DISABLED"))) {
      if (!StringUtils.isEmpty(endpoint) && !StringUtils.isEmpty(apiVersion)) {
        resolvers.add(new LocationServiceEndpointResolver(client, endpoint, apiVersion));
      } else if (profile.isUsingInternalLocationService()) {
        resolvers.add(new LocationServiceEndpointResolver(client, "location-inner.aliyuncs.com", "2015-12-25"));
      } else {
        resolvers.add(new LocationServiceEndpointResolver(client));
      }
    }
    return new ChainedEndpointResolver(resolvers);
  }
}
