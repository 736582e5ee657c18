package io.revchain.system.h2;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class IndexKeyTypeTest {

    private final ObjectDataType stock = new ObjectDataType();
    private final IndexKeyType fast = new IndexKeyType();

    private static List<KeyValue> randomKeys(int count) {
        Random random = new Random(42);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(switch (i % 4) {
                case 0 -> new KeyValue(random.nextLong());
                case 1 -> new KeyValue("journey:J-" + random.nextInt(100_000) + "/" + random.nextInt(40));
                case 2 -> new KeyValue((long) random.nextInt(1_000));
                default -> new KeyValue("m-" + random.nextInt(50), (long) random.nextInt(9), random.nextBoolean());
            });
        }
        return keys;
    }

    private void assertSortedAsTheStockTypeSorts(List<KeyValue> keys) {
        List<KeyValue> byStock = new ArrayList<>(keys);
        byStock.sort(stock::compare);
        List<KeyValue> byFast = new ArrayList<>(keys);
        byFast.sort(fast::compare);

        assertThat(byFast).containsExactlyElementsOf(byStock);
    }

    @Test
    void keysSortInExactlyTheStockOrder() {
        assertSortedAsTheStockTypeSorts(randomKeys(4_000));
    }

    @Test
    void binarySearch_findsWhatTheStockTypeFinds_andTheSameInsertionPoints() {
        List<KeyValue> keys = randomKeys(2_000);
        List<KeyValue> sorted = new ArrayList<>(keys.subList(0, 1_000));
        sorted.sort(stock::compare);
        Object[] page = sorted.toArray();

        for (KeyValue probe : keys) {
            int expected = stock.binarySearch(probe, page, page.length, 0);
            assertThat(fast.binarySearch(probe, page, page.length, 0)).isEqualTo(expected);
            if (probe.size() == 1) {
                KeyValue equal = new KeyValue(probe.get(0)); // an equal key, not the same instance
                assertThat(fast.binarySearch(equal, page, page.length, 0)).isEqualTo(expected);
            }
        }
    }

    @Test
    void orderStaysExact_afterTheCacheHasTurnedOverSeveralTimes() {
        KeyValue first = new KeyValue("journey:J-1/0");
        for (int i = 0; i < IndexKeyType.GENERATION * 2 + 10_000; i++) {
            fast.compare(first, new KeyValue("journey:J-" + i + "/" + (i % 7)));
        }

        assertSortedAsTheStockTypeSorts(randomKeys(2_000));
    }

    @Test
    void simpleKeysAreWrittenCompactly_andKeysTheStockTypeWrote_areReadBackToo() {
        List<KeyValue> keys = new ArrayList<>(randomKeys(200));
        keys.add(new KeyValue(123_456L));
        keys.add(new KeyValue(-7, 2.5, true, false, null, "ünïcödé"));
        for (KeyValue key : keys) {
            WriteBuffer legacy = new WriteBuffer();
            stock.write(legacy, key);
            WriteBuffer compact = new WriteBuffer();
            fast.write(compact, key);

            assertThat(bytes(compact).length).isLessThan(bytes(legacy).length / 3);
            assertThat(fast.read(compact.getBuffer().flip())).isEqualTo(key);
            assertThat(fast.read(legacy.getBuffer().flip())).isEqualTo(key);
        }
    }

    @Test
    void keysWithDocumentValues_stillCompareAndWriteAsTheStockTypeDoes() {
        KeyValue a = new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", 1).append("y", 2));
        KeyValue b = new KeyValue(new de.bwaldvogel.mongo.bson.Document("y", 2).append("x", 1));

        assertThat(Integer.signum(fast.compare(a, b))).isEqualTo(Integer.signum(stock.compare(a, b)));
        WriteBuffer expected = new WriteBuffer();
        stock.write(expected, a);
        WriteBuffer actual = new WriteBuffer();
        fast.write(actual, a);
        assertThat(bytes(actual)).isEqualTo(bytes(expected));
    }

    private static byte[] bytes(WriteBuffer buffer) {
        var copy = buffer.getBuffer().duplicate().flip();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
