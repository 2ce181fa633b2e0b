package com.incident.common.tool.result;

import com.incident.common.json.Json;
import com.incident.common.tool.ToolLimits;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Keeps a typed result within the structured output bound by listing fewer items: the dispatcher refuses a typed
 * result over the bound, so a tool with many or long items (log lines, error groups) lists the most relevant ones
 * that fit and says how many it left out.
 */
public final class ResultFit {
  /** The smallest bound any deployment has ({@link ToolLimits#from} only raises it), so a fitting result always passes. */
  public static final int MAX_BYTES = ToolLimits.DEFAULT.maxStructuredBytes();

  /**
   * {@code build.apply(n)} for the largest {@code n <= available} whose JSON fits {@link #MAX_BYTES}; {@code build}
   * lists the first {@code n} items, most relevant first. With nothing fitting, the result with no items.
   */
  public static <R> R largest(int available, IntFunction<R> build) {
    R all = build.apply(available);
    if (available == 0 || fits(all)) {
      return all;
    }
    int lo = 0;
    int hi = available - 1;
    while (lo < hi) { // invariant: build(lo) fits, or lo == 0
      int mid = (lo + hi + 1) >>> 1;
      if (fits(build.apply(mid))) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return build.apply(lo);
  }

  public static boolean fits(Object result) {
    return Json.write(result).getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  private ResultFit() {}
}
