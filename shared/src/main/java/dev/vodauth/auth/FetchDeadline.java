package dev.vodauth.auth;

import com.nimbusds.jose.proc.SecurityContext;
import dev.vodauth.vod.Deadline;

/**
 * What nimbus's token processor hands down to the key source: the deadline of the invocation
 * whose token is being checked, which bounds a fetch of the issuer's keys it sets off.
 */
final class FetchDeadline implements SecurityContext {
  private final Deadline deadline;

  FetchDeadline(Deadline deadline) {
    this.deadline = deadline;
  }

  long remainingMillis() {
    return deadline.remainingMillis();
  }
}
