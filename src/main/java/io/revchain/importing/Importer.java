package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.chain.AttributeNames;
import io.revchain.chain.BusinessFunction;
import io.revchain.map.AddDiscoveredStages;
import io.revchain.map.DiscoveredStage;
import io.revchain.map.MapDiscovery;
import io.revchain.map.MapView;
import io.revchain.step.StepIngestion;
import io.revchain.system.StoreDurability;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one file through a mapping and feeds the steps to the intake; runs on an import worker thread. */
final class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final String jobId;
    private final StepTypes types;
    private final StepSubmitter submitter;
    private final ImportProgress progress;
    private final int bufferSteps;
    private final BooleanSupplier cancelled;
    private final long logEveryNanos;
    private final Map<String, Path> lookupFiles;
    private final Map<String, LookupTable> lookups = new LinkedHashMap<>();
    private final MapDiscovery mapDiscovery;
    private final Actor startedBy;
    private final Consumer<DiscoveryView> discovered;
    private ImportMapping mapping;
    private StepMapper mapper;
    private long lastLog = System.nanoTime();
    /** Set during discovery's first pass: rows feed it, and neither progress counters nor the intake see them. */
    private Discovery discovery;
    private long bytesBefore;

    Importer(String jobId, ImportMapping mapping, StepTypes types, StepIngestion ingestion, ImportProgress progress,
             ImportProperties properties, BooleanSupplier cancelled, Actor startedBy) {
        this(jobId, mapping, types, ingestion, progress, properties, cancelled, startedBy, Map.of(), null,
             view -> { }, StoreDurability.NONE);
    }

    /**
     * With {@code lookupFiles}, the files the mapping's lookups join; with {@code mapDiscovery}, a mapping that asks
     * for discovery defines the map before importing.
     */
    Importer(String jobId, ImportMapping mapping, StepTypes types, StepIngestion ingestion, ImportProgress progress,
             ImportProperties properties, BooleanSupplier cancelled, Actor startedBy, Map<String, Path> lookupFiles,
             MapDiscovery mapDiscovery, Consumer<DiscoveryView> discovered, StoreDurability durability) {
        this.lookupFiles = lookupFiles;
        this.jobId = jobId;
        this.mapping = mapping;
        this.types = types;
        this.mapper = new StepMapper(mapping, types);
        this.submitter = new StepSubmitter(ingestion, progress, properties.chunkSize(), this::checkCancelled,
                                           startedBy, durability, properties.checkpointSteps());
        this.progress = progress;
        this.bufferSteps = Math.max(properties.chunkSize(), properties.bufferSteps());
        this.cancelled = cancelled;
        this.logEveryNanos = properties.progressLogInterval().toNanos();
        this.mapDiscovery = mapDiscovery;
        this.startedBy = startedBy;
        this.discovered = discovered;
    }

    /**
     * Throws InvalidRequestException when the mapping does not fit the file (a column it names is missing).
     * Throws MalformedFileException when the file cannot be read as its format; accepted chunks stay.
     * Throws CancellationException when cancelled or interrupted; accepted chunks stay.
     */
    void run(Path file) throws IOException {
        loadLookups();
        long size = Files.size(file);
        if (mapping.discover() != null) {
            // Two passes over the file: progress runs over both.
            progress.bytesTotal = 2 * size;
            discover(file);
            bytesBefore = size;
        } else {
            progress.bytesTotal = size;
        }
        read(file);
    }

    /**
     * The first pass: gathers the activities, declares them on the map (a new version, by the job's starter), and
     * sets the mapping up to import them under their step types. Throws InvalidRequestException when the file has
     * no activity or the owner column names no function, before anything is stored.
     */
    private void discover(Path file) throws IOException {
        if (mapDiscovery == null) {
            throw new IllegalStateException("this service cannot define maps, so it cannot discover one");
        }
        discovery = new Discovery();
        // Without typeMaps and with any type accepted, each step's type is its activity label.
        mapper = new StepMapper(mapping.withTypeMap(Map.of(), false), StepTypes.any());
        read(file);
        Discovery found = discovery;
        discovery = null;
        if (found.events() == 0) {
            throw new InvalidRequestException("discover", "no row of the file yields a step, so there is no activity "
                    + "to discover; check journeyId, typeFrom and at against the file");
        }
        List<Discovery.BadOwner> badOwners = found.badOwners();
        if (!badOwners.isEmpty()) {
            Discovery.BadOwner first = badOwners.get(0);
            throw new InvalidRequestException("discover.ownerFrom", "'" + first.value() + "' (row " + first.row()
                    + ") is not a function" + (badOwners.size() == 2 ? ", nor is one other value"
                    : badOwners.size() > 2 ? ", nor are " + (badOwners.size() - 1) + " other values" : "")
                    + "; the owner column must hold " + BusinessFunction.CHOICES
                    + " (any case), or be left out of the mapping (stages are then JOINT)");
        }
        List<Discovery.Activity> activities = found.activities();
        List<DiscoveredStage> stages = new ArrayList<>(activities.size());
        Map<String, String> typeMap = new LinkedHashMap<>();
        for (Discovery.Activity activity : activities) {
            stages.add(new DiscoveredStage(activity.stageId(), activity.name(), activity.stepType(), activity.owner(),
                                           activity.terminal()));
            activity.labels().forEach(label -> typeMap.put(label, activity.stepType()));
        }
        String name = mapping.discover().name() == null ? mapping.mapId() : mapping.discover().name();
        MapView map = mapDiscovery.addDiscoveredStages(new AddDiscoveredStages(mapping.mapId(), name, stages),
                                                       startedBy);
        log.info("Import {}: discovered {} activities in {} steps; map {} is at version {}", jobId,
                 activities.size(), found.events(), map.mapId(), map.version());
        discovered.accept(DiscoveryView.of(map, activities));
        mapping = mapping.withTypeMap(typeMap, true);
        mapper = new StepMapper(mapping, types.with(typeMap.values()));
    }

    /**
     * Reads the file through the mapping. Throws MalformedFileException when the file cannot be read as its format;
     * accepted chunks stay. Throws CancellationException when cancelled or interrupted; accepted chunks stay.
     */
    private void read(Path file) throws IOException {
        Remembering decompressed = null;
        try (InputStream in = open(file)) {
            decompressed = in instanceof Remembering r ? r : null;
            if (mapping.format() == ImportMapping.Format.XES) {
                xes(in);
            } else {
                csv(in);
            }
        } catch (MalformedFileException | IOException e) {
            // XML and text decoders may hide the gzip error behind a vaguer one of their own.
            if (decompressed != null && decompressed.failure != null) {
                throw new MalformedFileException("the gzip data is truncated or corrupt ("
                        + decompressed.failure.getMessage() + "); compress the complete file again", e);
            }
            throw e;
        }
    }

    /** Every lookup file, checked and held in memory before the first row is mapped. */
    private void loadLookups() throws IOException {
        for (ImportMapping.Lookup lookup : mapping.lookups().values()) {
            Path file = lookupFiles.get(lookup.name());
            if (file == null) {
                throw new InvalidRequestException("lookups." + lookup.name(), "no file was sent for this lookup; "
                        + "send it as the part lookup." + lookup.name());
            }
            lookups.put(lookup.name(), LookupTable.load(lookup, file, mapping.lookupColumns(lookup.name())));
        }
    }

    /** Makes every step stored so far durable: the job's last checkpoint, also after a failure or a cancel. */
    void checkpoint() {
        submitter.checkpoint();
    }

    /** What each lookup joined, for the job's message; empty without lookups. */
    List<String> lookupSummaries() {
        return lookups.values().stream().map(LookupTable::summary).toList();
    }

    /** The lookup rows joined to one row, read by lookup name and column. */
    private BiFunction<String, String, String> joined(Function<String, String> value) {
        if (lookups.isEmpty()) {
            return (lookup, column) -> "";
        }
        Map<String, List<String>> rows = new HashMap<>();
        for (LookupTable table : lookups.values()) {
            rows.put(table.lookup().name(), table.join(value.apply(table.lookup().on())));
        }
        return (lookup, column) -> lookups.get(lookup).value(rows.get(lookup), column);
    }

    private InputStream open(Path file) throws IOException {
        InputStream raw = new Counting(Files.newInputStream(file), progress, bytesBefore);
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new Remembering(new GZIPInputStream(buffered, 1 << 16));
        }
        return buffered;
    }

    private void csv(InputStream in) throws IOException {
        InputStreamReader reader = new InputStreamReader(in, mapping.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvReader csv = new CsvReader(reader, mapping.delimiter());
        List<String> header;
        try {
            header = csv.next();
            if (header == null) {
                throw new MalformedFileException("the file is empty: a CSV import needs a header line");
            }
            Map<String, Integer> columns = checkHeader(header);
            int width = header.size();
            long rows = 0;
            List<String> record;
            while ((record = csv.next()) != null) {
                checkCancelled();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                long row = ++rows;
                if (discovery == null) {
                    progress.rowsRead = row;
                }
                if (record.size() != width) {
                    if (discovery == null) {
                        progress.rowError(row, csv.recordLine(), null, new RowRejectedException(null, null,
                                "the row has " + record.size() + " fields, the header has " + width));
                    }
                    continue;
                }
                List<String> values = record;
                Function<String, String> value = column -> {
                    Integer index = columns.get(column);
                    return index == null ? "" : values.get(index).trim();
                };
                map(value.apply(mapping.journeyId()), value, Map.of(), row, csv.recordLine());
                if (submitter.buffered() >= bufferSteps) {
                    submitter.flushAll();
                }
                tick();
            }
        } catch (CharacterCodingException e) {
            throw new MalformedFileException("the bytes after line " + csv.line() + " are not valid "
                    + mapping.encoding().name() + "; set encoding in the mapping (for example \"windows-1252\")", e);
        }
        progress.readAll = true;
        submitter.flushAll();
    }

    private Map<String, Integer> checkHeader(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (columns.putIfAbsent(name, i) != null) {
                repeated.add(name);
            }
        }
        List<FieldError> errors = new ArrayList<>();
        for (ImportMapping.ColumnRef ref : mapping.columns()) {
            if (!columns.containsKey(ref.column())) {
                errors.add(FieldError.of(ref.field(), "column '" + ref.column() + "' is not in the CSV header"
                                                      + headerHint(header)));
            } else if (repeated.contains(ref.column())) {
                errors.add(FieldError.of(ref.field(), "column '" + ref.column() + "' appears more than once in "
                                                      + "the CSV header"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return columns;
    }

    private String headerHint(List<String> header) {
        if (header.size() == 1) {
            String only = header.get(0);
            for (char candidate : new char[] {',', ';', '\t', '|'}) {
                if (candidate != mapping.delimiter() && only.indexOf(candidate) >= 0) {
                    return "; the header has a single column '" + abbreviate(only) + "': is the delimiter '"
                           + (candidate == '\t' ? "tab" : String.valueOf(candidate)) + "' rather than '"
                           + (mapping.delimiter() == '\t' ? "tab" : String.valueOf(mapping.delimiter())) + "'?";
                }
            }
        }
        List<String> names = header.stream().map(String::trim).limit(20).toList();
        return " (columns: " + abbreviate(String.join(", ", names)) + (header.size() > 20 ? ", ..." : "") + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private void xes(InputStream in) {
        Set<String> lifecycle = mapping.lifecycle();
        try (XesReader reader = new XesReader(in)) {
            XesReader.Trace trace;
            while ((trace = reader.nextTrace()) != null) {
                checkCancelled();
                Object journey = trace.attributes().get(mapping.journeyId());
                String journeyId = journey == null ? "" : journey.toString().trim();
                for (XesReader.Event event : trace.events()) {
                    if (discovery == null) {
                        progress.rowsRead++;
                    }
                    Map<String, Object> attributes = event.attributes();
                    if (!lifecycle.isEmpty()) {
                        Object transition = attributes.get(ImportMapping.XES_LIFECYCLE);
                        if (transition != null && !lifecycle.contains(transition.toString().trim().toLowerCase())) {
                            if (discovery == null) {
                                progress.skipped++;
                            }
                            continue;
                        }
                    }
                    Function<String, String> value = key -> {
                        Object v = attributes.get(key);
                        return v == null ? "" : v.toString().trim();
                    };
                    map(journeyId, value, passThrough(attributes), event.number(), event.line());
                }
                submitter.flushFullChunks();
                tick();
            }
        }
        progress.readAll = true;
        submitter.flushAll();
    }

    /** An event's own attributes travel with its step, except its time; keys are made safe for document stores. */
    private static Map<String, Object> passThrough(Map<String, Object> attributes) {
        Map<String, Object> kept = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (!key.equals(ImportMapping.XES_TIME)) {
                kept.putIfAbsent(AttributeNames.safe(key), value);
            }
        });
        return kept;
    }

    private void map(String journeyId, Function<String, String> value, Map<String, Object> passThrough, long row,
                     long line) {
        if (discovery != null) {
            discover(journeyId, value, passThrough, row, line);
            return;
        }
        try {
            StepMapper.Result result = mapper.map(journeyId, value, joined(value), passThrough, row, line);
            progress.skipped += result.skipped();
            for (MappedStep step : result.steps()) {
                submitter.add(step);
                progress.stepsMapped++;
            }
        } catch (RowRejectedException e) {
            progress.rowError(row, line, journeyId, e);
        }
    }

    /** A row as discovery sees it: the steps it would yield, by label; a row the import would reject adds none. */
    private void discover(String journeyId, Function<String, String> value, Map<String, Object> passThrough,
                          long row, long line) {
        StepMapper.Result result;
        try {
            result = mapper.map(journeyId, value, joined(value), passThrough, row, line);
        } catch (RowRejectedException e) {
            return;
        }
        ImportMapping.Discover discover = mapping.discover();
        String owner = discover.ownerFrom() == null ? null : value.apply(discover.ownerFrom());
        for (MappedStep step : result.steps()) {
            String label = step.request().type();
            discovery.add(journeyId, label, mapping.rule(step.rule()).typeMap().get(label), step.at(), owner, row);
        }
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled after " + progress.rowsRead + " rows");
        }
    }

    private void tick() {
        long now = System.nanoTime();
        if (now - lastLog >= logEveryNanos) {
            lastLog = now;
            log.info("Import {}: {} of about {} steps stored or rejected ({}%), file {}% read; {}. Follow it with GET "
                     + "/api/imports/{}, stop it with POST /api/imports/{}/cancel", jobId, progress.stepsDone(),
                     progress.stepsEstimated(), progress.percent(), progress.readPercent(), progress.summary(),
                     jobId, jobId);
        }
    }

    /** Keeps the first read failure of the stream it wraps. */
    private static final class Remembering extends FilterInputStream {

        private IOException failure;

        Remembering(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }

    /** Counts the file bytes consumed, for the progress percentage. */
    private static final class Counting extends FilterInputStream {

        private final ImportProgress progress;
        private long count;

        /** {@code before}: bytes of earlier passes over the same file. */
        Counting(InputStream in, ImportProgress progress, long before) {
            super(in);
            this.progress = progress;
            this.count = before;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.bytesRead = ++count;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.bytesRead = count;
            }
            return n;
        }
    }
}
