package io.revchain.system.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

    private static Document event(long sequence) {
        return new Document("_id", sequence);
    }

    @Test
    void holdsTheLatestNumbers_andForgetsOnesACapacityOlder() {
        RecentEvents recent = new RecentEvents(4);
        for (long sequence = 1; sequence <= 6; sequence++) {
            recent.add(sequence, event(sequence));
        }

        assertThat(recent.get(1)).isNull();
        assertThat(recent.get(2)).isNull();
        assertThat(recent.get(3)).isEqualTo(event(3));
        assertThat(recent.get(6)).isEqualTo(event(6));
        assertThat(recent.get(7)).isNull();
        assertThat(recent.get(10)).isNull();
    }

    @Test
    void capacityZero_holdsNothing() {
        RecentEvents off = new RecentEvents(0);
        off.add(1, event(1));

        assertThat(off.get(1)).isNull();
    }
}
