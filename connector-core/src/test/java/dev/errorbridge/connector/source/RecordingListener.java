package dev.errorbridge.connector.source;

import dev.errorbridge.connector.FailedExecution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Records what a scan delivers, page by page, and what it asks; optionally runs a hook on each
 * failure page, and knows some executions as published already.
 */
public final class RecordingListener implements ScanListener {
  public final List<List<FailedExecution>> failurePages = new ArrayList<>();
  public final List<PendingRun> pending = new ArrayList<>();

  /** The execution ids of each {@link #alreadyPublished} question, in order. */
  public final List<List<String>> asked = new ArrayList<>();

  /** The rows that failed alone, in order. */
  public final List<RowFailure> rowFailures = new ArrayList<>();

  /** Why each skipped row was skipped, in order. */
  public final List<String> skippedRows = new ArrayList<>();

  private final Consumer<List<FailedExecution>> onPage;
  private Set<String> published = Set.of();

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

  /** Answers {@link #alreadyPublished} with {@code executionIds} (those it is asked about). */
  public RecordingListener publishedAlready(String... executionIds) {
    published = Set.of(executionIds);
    return this;
  }

  @Override
  public Set<String> alreadyPublished(List<String> executionIds) {
    asked.add(executionIds);
    Set<String> known = new HashSet<>(executionIds);
    known.retainAll(published);
    return known;
  }

  @Override
  public void onRowFailed(RowFailure failure) {
    rowFailures.add(failure);
  }

  @Override
  public void onRowSkipped(String why) {
    skippedRows.add(why);
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
