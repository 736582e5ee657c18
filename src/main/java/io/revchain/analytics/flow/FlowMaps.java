package io.revchain.analytics.flow;

import io.revchain.analytics.FlowHandoff;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.map.Handoff;
import io.revchain.analytics.WorkCalendar;
import io.revchain.map.BusinessCalendar;
import io.revchain.map.MapCatalog;
import io.revchain.map.MapDefinition;
import io.revchain.map.MapView;
import io.revchain.map.Stage;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The map a read is measured against, as analytics sees it: today's version, or the one in force at a given time.
 * One instance per map version, so that journey timelines computed for it can be reused by identity. Each version's
 * working calendars are kept beside it.
 */
@Component
public class FlowMaps {

    private final MapCatalog catalog;
    private final Map<String, FlowMap> byVersion = new ConcurrentHashMap<>();
    private final Map<String, Calendars> calendarsByVersion = new ConcurrentHashMap<>();

    /** A version's calendars, as the map defines them and as analytics measures with them. */
    private record Calendars(Map<String, BusinessCalendar> definitions, Map<String, WorkCalendar> calendars) {
    }

    /** A working calendar of one map version: its definition (shown in answers) and the measuring one. */
    public record CalendarChoice(BusinessCalendar definition, WorkCalendar calendar) {
    }

    FlowMaps(MapCatalog catalog) {
        this.catalog = catalog;
    }

    FlowMap current(String mapId) {
        return currentIfDefined(mapId).orElseThrow(() -> unknown(mapId));
    }

    /** Today's version, or empty for a map not defined yet (a draft's preview may be of one). */
    Optional<FlowMap> currentIfDefined(String mapId) {
        return catalog.current(mapId).map(this::canonical);
    }

    /** The version recorded last at or before {@code at}; today's when the map did not exist yet then. */
    FlowMap inForceAt(String mapId, Instant at) {
        Optional<MapView> view = catalog.inForceAt(mapId, at);
        return view.isPresent() ? canonical(view.get()) : current(mapId);
    }

    private FlowMap canonical(MapView view) {
        String key = view.mapId() + "/" + view.version();
        calendarsByVersion.computeIfAbsent(key, k -> calendars(view));
        return byVersion.computeIfAbsent(key, k -> toFlowMap(view));
    }

    /**
     * The calendar of that id on the map version a read uses; refused (400, naming {@code field}) when that version
     * defines none of that id.
     */
    CalendarChoice calendar(FlowMap map, String calendarId, String field) {
        Calendars calendars = calendarsByVersion.get(map.mapId() + "/" + map.version());
        BusinessCalendar definition = calendars == null ? null : calendars.definitions().get(calendarId);
        if (definition == null) {
            String defined = calendars == null || calendars.definitions().isEmpty() ? "it defines none"
                    : "its calendars: " + String.join(", ", new TreeSet<>(calendars.definitions().keySet()));
            throw new InvalidRequestException(field, "map " + map.mapId() + " (version " + map.version()
                    + ") has no calendar '" + calendarId + "'; " + defined
                    + ". Calendars are part of the map document (docs/api-maps.md)");
        }
        return new CalendarChoice(definition, calendars.calendars().get(calendarId));
    }

    private static Calendars calendars(MapView view) {
        Map<String, BusinessCalendar> definitions = new LinkedHashMap<>();
        Map<String, WorkCalendar> calendars = new LinkedHashMap<>();
        for (BusinessCalendar c : view.calendars()) {
            definitions.put(c.calendarId(), c);
            calendars.put(c.calendarId(), toWorkCalendar(c));
        }
        return new Calendars(definitions, calendars);
    }

    /** A calendar as the map stores it (normalized strings) as analytics measures with it. */
    public static WorkCalendar toWorkCalendar(BusinessCalendar c) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        c.workingDays().forEach(day -> days.add(DayOfWeek.valueOf(day)));
        List<WorkCalendar.Hours> hours = c.hours().stream().map(interval -> {
            String[] bounds = interval.split("-");
            return new WorkCalendar.Hours(LocalTime.parse(bounds[0]),
                                          "24:00".equals(bounds[1]) ? null : LocalTime.parse(bounds[1]));
        }).toList();
        Set<LocalDate> holidays = new TreeSet<>();
        c.holidays().forEach(day -> holidays.add(LocalDate.parse(day)));
        return new WorkCalendar(c.calendarId(), ZoneId.of(c.zone()), days, hours, holidays);
    }

    /** A draft that is stored nowhere: version 0, so no figure of it can be mistaken for a recorded version's. */
    static FlowMap draft(String mapId, MapDefinition definition) {
        return toFlowMap(mapId, 0, definition.stages(), definition.handoffs(), definition.currency());
    }

    public static FlowMap toFlowMap(MapView view) {
        return toFlowMap(view.mapId(), view.version(), view.stages(), view.handoffs(), view.currency());
    }

    private static FlowMap toFlowMap(String mapId, long version, List<Stage> stages, List<Handoff> handoffs,
                                     String currency) {
        return new FlowMap(mapId, version,
                           stages.stream().map(s -> new FlowStage(
                                   s.stageId(), s.name(), s.owner().name(), new LinkedHashSet<>(s.enteredOn()),
                                   s.slaHours() == null ? null : Duration.ofHours(s.slaHours()), s.terminal()))
                               .toList(),
                           handoffs.stream().map(h -> new FlowHandoff(
                                   h.fromStage(), h.toStage(), h.owner().name(), h.criteria())).toList(),
                           currency);
    }

    private static NotFoundException unknown(String mapId) {
        return new NotFoundException("No supply chain map '" + mapId + "'; define it with PUT /api/maps/" + mapId);
    }
}
