package io.revchain.analytics.flow;

import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.SegmentFacts;
import io.revchain.analytics.StepFact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a journey facts snapshot: the store's dictionary, every journey's bytes as the store holds them, the
 * campaigns' and segments' steps and the attribute names, after a header naming the format. Written and read as a stream (the
 * caller compresses and chunks it), so neither side holds the whole snapshot in memory twice.
 * <p>
 * {@link #FORMAT} changes whenever these bytes or what a fact holds changes ({@link StepFacts}, {@link FactCodec}):
 * a snapshot of another format is ignored and the facts are read from the events again.
 */
final class FactSnapshotFormat {

    static final int FORMAT = 2;
    private static final int MAGIC = 0x52434A46; // "RCJF"
    private static final int END = 0x454E4421; // "END!"

    private FactSnapshotFormat() {
    }

    static void write(FactStore.Frozen frozen, OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(target);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeLong(frozen.steps());
        out.writeInt(frozen.prefixes());
        int[] keyStatistics = frozen.keyStatistics();
        out.writeInt(keyStatistics.length);
        for (int value : keyStatistics) {
            out.writeInt(value);
        }
        String[] strings = frozen.strings();
        out.writeInt(strings.length);
        for (String s : strings) {
            writeString(out, s);
        }
        byte[][] journeys = frozen.journeys();
        out.writeInt(journeys.length);
        for (byte[] blob : journeys) {
            out.writeInt(blob.length);
            out.write(blob);
        }
        out.writeInt(frozen.campaigns().size());
        for (CampaignFacts campaign : frozen.campaigns()) {
            writeString(out, campaign.campaignId());
            out.writeInt(campaign.steps().size());
            for (StepFact step : campaign.steps()) {
                writeStep(out, step);
            }
        }
        out.writeInt(frozen.segments().size());
        for (SegmentFacts segment : frozen.segments()) {
            writeString(out, segment.segmentId());
            out.writeInt(segment.steps().size());
            for (StepFact step : segment.steps()) {
                writeStep(out, step);
            }
        }
        out.writeInt(frozen.attributes().size());
        for (String attribute : frozen.attributes()) {
            writeString(out, attribute);
        }
        out.writeInt(END);
        out.flush();
    }

    static FactStore.Frozen read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a journey facts snapshot");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("snapshot format " + format + ", this version reads " + FORMAT);
        }
        long steps = in.readLong();
        int prefixes = in.readInt();
        int[] keyStatistics = new int[count(in)];
        for (int i = 0; i < keyStatistics.length; i++) {
            keyStatistics[i] = in.readInt();
        }
        String[] strings = new String[count(in)];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = readString(in);
        }
        byte[][] journeys = new byte[count(in)][];
        for (int i = 0; i < journeys.length; i++) {
            journeys[i] = new byte[count(in)];
            in.readFully(journeys[i]);
        }
        int campaignCount = count(in);
        List<CampaignFacts> campaigns = new ArrayList<>(campaignCount);
        for (int i = 0; i < campaignCount; i++) {
            String campaignId = readString(in);
            int n = count(in);
            List<StepFact> campaignSteps = new ArrayList<>(n);
            for (int s = 0; s < n; s++) {
                campaignSteps.add(readStep(in));
            }
            campaigns.add(new CampaignFacts(campaignId, campaignSteps));
        }
        int segmentCount = count(in);
        List<SegmentFacts> segments = new ArrayList<>(segmentCount);
        for (int i = 0; i < segmentCount; i++) {
            String segmentId = readString(in);
            int n = count(in);
            List<StepFact> segmentSteps = new ArrayList<>(n);
            for (int s = 0; s < n; s++) {
                segmentSteps.add(readStep(in));
            }
            segments.add(new SegmentFacts(segmentId, segmentSteps));
        }
        int attributeCount = count(in);
        List<String> attributes = new ArrayList<>(attributeCount);
        for (int i = 0; i < attributeCount; i++) {
            attributes.add(readString(in));
        }
        if (in.readInt() != END) {
            throw new IOException("the snapshot does not end where its content says");
        }
        return new FactStore.Frozen(strings, prefixes, keyStatistics, journeys, steps, campaigns, segments,
                                    attributes);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count " + n);
        }
        return n;
    }

    private static void writeStep(DataOutputStream out, StepFact step) throws IOException {
        out.writeBoolean(step.stepId() != null);
        if (step.stepId() != null) {
            writeString(out, step.stepId());
        }
        writeString(out, step.type());
        out.writeLong(step.occurredAt().getEpochSecond());
        out.writeInt(step.occurredAt().getNano());
        out.writeLong(step.recordedAt().getEpochSecond());
        out.writeInt(step.recordedAt().getNano());
        out.writeLong(step.recordSeq());
        out.writeInt(step.attributes().size());
        for (Map.Entry<String, String> attribute : step.attributes().entrySet()) {
            writeString(out, attribute.getKey());
            writeString(out, attribute.getValue());
        }
    }

    private static StepFact readStep(DataInputStream in) throws IOException {
        String stepId = in.readBoolean() ? readString(in) : null;
        String type = readString(in);
        Instant occurredAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        Instant recordedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        long recordSeq = in.readLong();
        int n = count(in);
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            attributes.put(readString(in), readString(in));
        }
        return new StepFact(stepId, type, occurredAt, recordedAt, recordSeq, attributes);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = count(in);
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
