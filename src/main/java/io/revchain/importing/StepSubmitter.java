package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.step.StepBatchResult;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import io.revchain.system.StoreDurability;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups steps by journey and hands them to the intake in chunks of whole journeys. A refused chunk loses only the
 * steps its errors point at; the rest is sent again, so a bad row never stops the import.
 * <p>
 * Chunks are stored without the intake's commit after each: the steps become durable at this job's checkpoints,
 * every {@code checkpointSteps} steps and at the end ({@link #checkpoint()}). An import is idempotent and can be run
 * again, so a crash between checkpoints loses nothing that running it again does not restore.
 */
final class StepSubmitter {

    private final StepIngestion ingestion;
    private final ImportProgress progress;
    private final int chunkSize;
    private final Map<String, List<MappedStep>> journeys = new LinkedHashMap<>();
    private final Runnable checkpoint;
    private final Actor actor;
    private final StoreDurability durability;
    private final int checkpointSteps;
    private int buffered;
    private long sinceCheckpoint;

    /** {@code stop} runs before each chunk and throws to stop the import between chunks (cancel, shutdown). */
    StepSubmitter(StepIngestion ingestion, ImportProgress progress, int chunkSize, Runnable stop, Actor actor,
                  StoreDurability durability, int checkpointSteps) {
        this.ingestion = ingestion;
        this.actor = actor;
        this.progress = progress;
        this.chunkSize = chunkSize;
        this.checkpoint = stop;
        this.durability = durability;
        this.checkpointSteps = checkpointSteps;
    }

    /** Makes every step stored so far durable. */
    void checkpoint() {
        durability.commit();
        progress.stepsDurable = progress.stepsStored();
        sinceCheckpoint = 0;
    }

    void add(MappedStep step) {
        journeys.computeIfAbsent(step.request().journeyId(), id -> new ArrayList<>()).add(step);
        buffered++;
    }

    int buffered() {
        return buffered;
    }

    /** Sends full chunks and keeps the remainder, for sources whose journeys arrive complete (XES traces). */
    void flushFullChunks() {
        while (buffered >= chunkSize) {
            submitNext();
        }
    }

    void flushAll() {
        while (buffered > 0) {
            submitNext();
        }
    }

    /** Sends the next chunk of whole journeys; a journey larger than a chunk goes alone, in consecutive calls. */
    private void submitNext() {
        checkpoint.run();
        List<MappedStep> chunk = new ArrayList<>(Math.min(chunkSize, buffered));
        Iterator<List<MappedStep>> it = journeys.values().iterator();
        while (it.hasNext()) {
            List<MappedStep> steps = it.next();
            if (!chunk.isEmpty() && chunk.size() + steps.size() > chunkSize) {
                break;
            }
            it.remove();
            buffered -= steps.size();
            // Business-time order within a journey, so the journey sees its milestones in the order they happened.
            steps.sort(Comparator.comparing(MappedStep::at));
            if (steps.size() > chunkSize) {
                for (int from = 0; from < steps.size(); from += chunkSize) {
                    submit(steps.subList(from, Math.min(steps.size(), from + chunkSize)));
                }
                return;
            }
            chunk.addAll(steps);
        }
        submit(chunk);
    }

    private void submit(List<MappedStep> chunk) {
        progress.stepsSent += chunk.size();
        send(chunk);
    }

    private void send(List<MappedStep> chunk) {
        List<MappedStep> pending = chunk;
        while (!pending.isEmpty()) {
            List<StepRequest> requests = new ArrayList<>(pending.size());
            for (MappedStep step : pending) {
                requests.add(step.request());
            }
            StepBatchResult result;
            try {
                result = durability.withoutCommits(() -> ingestion.ingest(requests, actor));
            } catch (InvalidRequestException e) {
                pending = withoutRefused(pending, e);
                continue;
            }
            progress.accepted += result.accepted();
            progress.duplicates += result.duplicates();
            sinceCheckpoint += result.accepted();
            if (sinceCheckpoint >= checkpointSteps) {
                checkpoint();
            }
            return;
        }
    }

    /** Reports the steps the errors point at and returns the others; bisects when errors carry no usable index. */
    private List<MappedStep> withoutRefused(List<MappedStep> pending, InvalidRequestException e) {
        Map<Integer, List<FieldError>> byIndex = new TreeMap<>();
        boolean unindexed = e.errors().isEmpty();
        for (FieldError error : e.errors()) {
            if (error.index() == null || error.index() < 0 || error.index() >= pending.size()) {
                unindexed = true;
            } else {
                byIndex.computeIfAbsent(error.index(), i -> new ArrayList<>()).add(error);
            }
        }
        if (unindexed) {
            if (pending.size() == 1) {
                progress.stepRejected(pending.get(0), e.errors().isEmpty() ? null : e.errors().get(0).field(),
                                      e.getMessage());
                return List.of();
            }
            int half = pending.size() / 2;
            send(pending.subList(0, half));
            send(pending.subList(half, pending.size()));
            return List.of();
        }
        List<MappedStep> rest = new ArrayList<>(pending.size() - byIndex.size());
        for (int i = 0; i < pending.size(); i++) {
            List<FieldError> errors = byIndex.get(i);
            if (errors == null) {
                rest.add(pending.get(i));
            } else {
                progress.stepRejected(pending.get(i), errors.get(0).field(), reason(errors));
            }
        }
        return rest;
    }

    private static String reason(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).reason();
        }
        StringBuilder reason = new StringBuilder();
        for (FieldError error : errors) {
            if (!reason.isEmpty()) {
                reason.append("; ");
            }
            reason.append(error.field()).append(": ").append(error.reason());
        }
        return reason.toString();
    }
}
