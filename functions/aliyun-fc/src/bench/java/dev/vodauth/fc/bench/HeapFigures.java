package dev.vodauth.fc.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * What a probe JVM's memory looked like: {@code <heapUsedAfterFullGcBytes> <heapPeakBytes>
 * <maxHeapBytes> <vmHwmKb> <gcCount> <gcMillis>}. The first is the live data, after a full
 * collection asked for at the end of the load; the peak is the sum of the heap pools' peaks.
 */
final class HeapFigures {
  private HeapFigures() {}

  static String now() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return String.format(Locale.ROOT, "%d %d %d %d %d %d", heap.getUsed(), peak, heap.getMax(), vmHwmKb(), gcCount, gcMillis);
  }

  private static long vmHwmKb() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return -1;
  }
}
