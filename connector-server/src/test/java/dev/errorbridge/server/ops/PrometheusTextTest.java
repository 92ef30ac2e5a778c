package dev.errorbridge.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  @Test
  void render_whenLabelsNeedEscaping_writesValidExposition() {
    String text =
        new PrometheusText()
            .declare("errorbridge_x_total", "counter", "X.")
            .sample("errorbridge_x_total", 3, List.of("connection", "cn_1", "tenant", "a\"b\\c"))
            .sample("errorbridge_x_total", 0.5, List.of())
            .render();
    assertThat(text)
        .isEqualTo(
            "# HELP errorbridge_x_total X.\n"
                + "# TYPE errorbridge_x_total counter\n"
                + "errorbridge_x_total{connection=\"cn_1\",tenant=\"a\\\"b\\\\c\"} 3\n"
                + "errorbridge_x_total 0.5\n");
  }
}
