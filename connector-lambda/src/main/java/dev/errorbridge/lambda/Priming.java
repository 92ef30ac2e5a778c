package dev.errorbridge.lambda;

import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler's SnapStart priming: before Lambda takes the snapshot ({@link #beforeCheckpoint}), runs
 * the handler's primers, which load and exercise the classes the first request needs (Jackson, the
 * SDK's marshallers and signer, the settings and webhook code) without any I/O.
 *
 * <p>What priming never does, because everything in the snapshot is shared by every environment
 * restored from it: resolve credentials (the function role's would be frozen into it), call KMS (no
 * tenant secret is ever decrypted), call STS or a tenant's EventBridge bus, or open a network
 * connection (it would be dead after restore). The SDK primers therefore run against {@link
 * PrimingHttpClient}, which answers in memory. On a JVM without CRaC, registering does nothing.
 *
 * <p>The CRaC context keeps only a weak reference to a resource, so the handler must keep this
 * object in a field.
 */
final class Priming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

  private final String handler;
  private final Warmup warmup;
  private final List<Runnable> primers;

  private Priming(String handler, Warmup warmup, List<Runnable> primers) {
    this.handler = handler;
    this.warmup = warmup;
    this.primers = List.copyOf(primers);
  }

  /**
   * Registers a handler's primers with the global CRaC context; keep the result referenced.
   *
   * @param warmup the init-time warm-up, waited for before priming so that it is not running (and
   *     holding half-built state) when the snapshot is taken
   */
  static Priming register(String handler, Warmup warmup, List<Runnable> primers) {
    Priming priming = new Priming(handler, warmup, primers);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  /**
   * Runs every primer now; a failing primer is logged and skipped, never failing the snapshot.
   *
   * @return how many primers failed
   */
  int prime() {
    warmup.awaitDone();
    long start = System.nanoTime();
    int failed = 0;
    for (Runnable primer : primers) {
      try {
        primer.run();
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("priming step failed handler={} (the snapshot is taken anyway)", handler, e);
      }
    }
    LOG.info(
        "primed handler={} steps={} failed={} ms={}",
        handler,
        primers.size(),
        failed,
        (System.nanoTime() - start) / 1_000_000);
    return failed;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to refresh: priming resolved no credentials and opened no connection, and every
    // tenant-specific cache (decrypted secrets, per-connection clients) starts empty after restore.
  }
}
