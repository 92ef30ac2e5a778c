package dev.errorbridge.connector.audit;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRecordTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AKIAIOSFODNN7EXAMPLE",
        "sk_live_51HqLyjWDarjtT1zdp7dc",
        "apiKey=abc",
        "token: abc",
        "Bearer abc",
        "name..x"
      })
  void new_withChangedFieldThatIsNotAFieldName_throwsWithoutEchoingIt(String value) {
    assertThatThrownBy(() -> withFields(List.of("name", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass names, never values")
        .hasMessageNotContaining(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "destination.auth.secretAccessKey", "source.apiKey", "enabled"})
  void new_withFieldNames_keepsThem(String field) {
    assertThat(withFields(List.of(field)).changedFields()).containsExactly(field);
  }

  @Test
  void new_withTooManyFieldsOrLongNote_throws() {
    assertThatThrownBy(() -> withFields(Collections.nCopies(AuditRecord.MAX_FIELDS + 1, "name")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AuditRecord("t", "c", "u", AuditAction.UPDATE, List.of(), T0, "x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_withBlankActor_throws() {
    assertThatThrownBy(() -> new AuditRecord("t", "c", " ", AuditAction.UPDATE, null, T0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actor");
  }

  private static AuditRecord withFields(List<String> fields) {
    return new AuditRecord("tenant-a", "c-1", "user-42", AuditAction.UPDATE, fields, T0, null);
  }
}
