package dev.errorbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PollPipelineTest {

  @Test
  void config_givesEachCycleTheSchedulesPeriodAMinuteAtLeast() {
    // a cycle that died with the process holds its connection until its budget ends
    assertThat(PollPipeline.config(Duration.ofSeconds(1)).maxCycleDuration())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(PollPipeline.config(Duration.ofMinutes(5)).maxCycleDuration())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(PollPipeline.config(Duration.ofMinutes(5)).minCycleTime())
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void leased_whenTheLeaseIsShort_leavesACycleTimeToStartWithinIt() {
    // a cycle starts only with minCycleTime left of its own budget, the lease
    assertThat(PollPipeline.leased(Duration.ofSeconds(20)).minCycleTime())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(PollPipeline.leased(Duration.ofSeconds(20)).publishReserve())
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(PollPipeline.leased(Duration.ofMinutes(1)).minCycleTime())
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void shuffleWithinWindows_keepsEachWindowsItemsInItsPlaceAndVariesTheirOrder() {
    List<Integer> overdueFirst = IntStream.range(0, 20).boxed().toList();
    List<List<Integer>> orders = new ArrayList<>();
    Random random = new Random(7);

    for (int replica = 0; replica < 3; replica++) {
      List<Integer> order = new ArrayList<>(overdueFirst);
      PollPipeline.shuffleWithinWindows(order, 8, random);
      orders.add(order);
    }

    // the longest-waiting eight still go first, the next eight next, the last four last
    assertThat(orders)
        .allSatisfy(
            order -> {
              assertThat(order.subList(0, 8)).containsExactlyInAnyOrderElementsOf(range(0, 8));
              assertThat(order.subList(8, 16)).containsExactlyInAnyOrderElementsOf(range(8, 16));
              assertThat(order.subList(16, 20)).containsExactlyInAnyOrderElementsOf(range(16, 20));
            });
    // and replicas reading the same list start on different connections
    assertThat(orders.stream().map(order -> order.get(0)).distinct()).hasSizeGreaterThan(1);
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }
}
