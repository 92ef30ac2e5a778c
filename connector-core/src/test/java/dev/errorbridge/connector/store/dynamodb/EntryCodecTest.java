package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.compressibleDetail;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.entry;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.entryWithDetail;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.incompressibleDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.deadletter.DeadLetter;
import dev.errorbridge.connector.store.StoreDataInvalidException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EntryCodecTest {

  @Test
  void encode_smallEntry_isInlineJson() {
    EntryCodec.Encoded encoded = EntryCodec.encode(entry("e-1"));

    assertThat(encoded.headAttributes()).containsOnlyKeys(EntryCodec.ENTRY);
    assertThat(encoded.extraParts()).isZero();
    assertThat(roundTrip(encoded)).isEqualTo(entry("e-1"));
  }

  @Test
  void encode_largeCompressibleEntry_isOneGzipAttribute() {
    DeadLetter.Entry large = entryWithDetail("e-1", compressibleDetail(1_000_000));

    EntryCodec.Encoded encoded = EntryCodec.encode(large);

    assertThat(encoded.headAttributes())
        .containsOnlyKeys(EntryCodec.ENTRY_GZ, EntryCodec.ENTRY_PARTS);
    assertThat(encoded.extraParts()).isZero();
    assertThat(roundTrip(encoded)).isEqualTo(large);
  }

  @Test
  void encode_largeIncompressibleEntry_isSplitIntoPartsUnderTheItemLimit() {
    DeadLetter.Entry large = entryWithDetail("e-1", incompressibleDetail(1_000_000));

    EntryCodec.Encoded encoded = EntryCodec.encode(large);

    assertThat(encoded.extraParts()).isEqualTo(2);
    assertThat(encoded.gzipParts())
        .allSatisfy(part -> assertThat(part.length).isLessThanOrEqualTo(EntryCodec.PART_BYTES));
    assertThat(roundTrip(encoded)).isEqualTo(large);
  }

  @Test
  void encode_entryWithoutTimeOrResources_roundTrips() {
    DeadLetter.Entry bare =
        new DeadLetter.Entry("errorbridge.x", "Workflow Execution Failed", "{}", null, null);

    assertThat(roundTrip(EntryCodec.encode(bare))).isEqualTo(bare);
  }

  @Test
  void decode_withMissingPart_throwsNamingTheItem() {
    EntryCodec.Encoded encoded =
        EntryCodec.encode(entryWithDetail("e-1", incompressibleDetail(1_000_000)));
    Map<String, AttributeValue> head = new HashMap<>(encoded.headAttributes());
    head.putAll(Items.key("CONN#c-1", "DLQ#1"));

    assertThatThrownBy(() -> EntryCodec.decode(head, List.of()))
        .isInstanceOf(StoreDataInvalidException.class)
        .hasMessageContaining("CONN#c-1 / DLQ#1");
  }

  @Test
  void partSortKey_sortsAfterItsHeadAndBeforeTheNextHead() {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "DLQ#0000000000000000002",
                EntryCodec.partSortKey("DLQ#0000000000000000001", 10),
                EntryCodec.partSortKey("DLQ#0000000000000000001", 2),
                "DLQ#0000000000000000001"));

    keys.sort(null);

    assertThat(keys)
        .containsExactly(
            "DLQ#0000000000000000001",
            "DLQ#0000000000000000001#002",
            "DLQ#0000000000000000001#010",
            "DLQ#0000000000000000002");
  }

  private static DeadLetter.Entry roundTrip(EntryCodec.Encoded encoded) {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 1; i <= encoded.extraParts(); i++) {
      parts.add(encoded.partAttributes(i).get(EntryCodec.ENTRY_GZ).b().asByteArray());
    }
    return EntryCodec.decode(encoded.headAttributes(), parts);
  }
}
