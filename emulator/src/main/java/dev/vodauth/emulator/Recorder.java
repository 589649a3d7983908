package dev.vodauth.emulator;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The requests received, in order, for {@link VodEmulator#takeRequest}; the oldest are dropped past a bound. */
final class Recorder {
  /** Enough for any test; a standalone run under load would otherwise keep every request forever. */
  static final int LIMIT = 10_000;

  private final BlockingQueue<RecordedVodRequest> requests = new LinkedBlockingQueue<>(LIMIT);

  void record(RecordedVodRequest request) {
    while (!requests.offer(request)) {
      requests.poll();
    }
  }

  RecordedVodRequest take(long timeout, TimeUnit unit) throws InterruptedException {
    return requests.poll(timeout, unit);
  }
}
