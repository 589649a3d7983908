package dev.vodauth.credentials;

import java.util.ArrayList;
import java.util.List;

/** Asks each source in turn and answers the first keys found. */
public final class CredentialsChain implements CredentialsSource {
  private final List<CredentialsSource> sources;

  private CredentialsChain(List<CredentialsSource> sources) {
    if (sources.isEmpty()) throw new IllegalArgumentException("sources is empty");
    this.sources = List.copyOf(sources);
  }

  public static CredentialsChain of(CredentialsSource... sources) {
    return new CredentialsChain(List.of(sources));
  }

  @Override
  public VodCredentials load() {
    List<String> reasons = new ArrayList<>();
    for (CredentialsSource source : sources) {
      try {
        return source.load();
      } catch (CredentialsUnavailableException e) {
        reasons.add(e.getMessage());
      }
    }
    throw new CredentialsUnavailableException(String.join("; ", reasons));
  }

  @Override
  public void invalidate() {
    sources.forEach(CredentialsSource::invalidate);
  }
}
