package dev.errorbridge.connector.source;

import dev.errorbridge.connector.FailedExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records what a scan delivers, page by page; optionally runs a hook on each failure page. */
public final class RecordingListener implements ScanListener {
  public final List<List<FailedExecution>> failurePages = new ArrayList<>();
  public final List<PendingRun> pending = new ArrayList<>();
  private final Consumer<List<FailedExecution>> onPage;

  public RecordingListener() {
    this(page -> {});
  }

  public RecordingListener(Consumer<List<FailedExecution>> onPage) {
    this.onPage = onPage;
  }

  @Override
  public void onFailures(List<FailedExecution> failures) {
    failurePages.add(failures);
    onPage.accept(failures);
  }

  @Override
  public void onPending(List<PendingRun> runs) {
    pending.addAll(runs);
  }

  /** Every failure delivered, in order. */
  public List<FailedExecution> failures() {
    return failurePages.stream().flatMap(List::stream).toList();
  }

  /** The execution ids delivered, in order. */
  public List<String> ids() {
    return failures().stream().map(f -> f.execution().id()).toList();
  }
}
