package io.revchain.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What changed between two map definitions, structured and in words. Pure. */
final class MapChanges {

    private MapChanges() {
    }

    static List<MapChange> between(MapDefinition before, MapDefinition after) {
        List<MapChange> changes = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            changes.add(new MapChange("map", "name", before.name(), after.name(),
                                      "map name: '" + before.name() + "' → '" + after.name() + "'"));
        }
        if (!Objects.equals(before.currency(), after.currency())) {
            changes.add(new MapChange("map", "currency", before.currency(), after.currency(),
                                      "map currency: " + (before.currency() == null ? "none" : before.currency())
                                              + " → " + (after.currency() == null ? "none" : after.currency())));
        }
        for (Stage old : before.stages()) {
            if (after.stage(old.stageId()).isEmpty()) {
                changes.add(new MapChange("stage:" + old.stageId(), "removed", old.stageId(), null,
                                          "stage " + old.stageId() + " removed"));
            }
        }
        for (Stage now : after.stages()) {
            Optional<Stage> old = before.stage(now.stageId());
            if (old.isEmpty()) {
                changes.add(new MapChange("stage:" + now.stageId(), "added", null, now.stageId(),
                                          "stage " + now.stageId() + " added (" + now.owner() + ", entered on "
                                                  + String.join(", ", now.enteredOn())
                                                  + (now.slaHours() == null ? "" : ", SLA " + sla(now.slaHours()))
                                                  + ")"));
            } else {
                stageChanges(old.get(), now, changes);
            }
        }
        List<String> keptBefore = before.stages().stream().map(Stage::stageId)
                                        .filter(id -> after.stage(id).isPresent()).toList();
        List<String> keptAfter = after.stages().stream().map(Stage::stageId)
                                      .filter(id -> before.stage(id).isPresent()).toList();
        if (!keptBefore.equals(keptAfter)) {
            String from = String.join(", ", before.stages().stream().map(Stage::stageId).toList());
            String to = String.join(", ", after.stages().stream().map(Stage::stageId).toList());
            changes.add(new MapChange("map", "order", from, to, "stage order: " + from + " → " + to));
        }
        for (Handoff old : before.handoffs()) {
            if (after.handoff(old.fromStage(), old.toStage()).isEmpty()) {
                changes.add(new MapChange(subject(old), "removed", old.key(), null, "handoff " + old.key() + " removed"));
            }
        }
        for (Handoff now : after.handoffs()) {
            Optional<Handoff> old = before.handoff(now.fromStage(), now.toStage());
            if (old.isEmpty()) {
                changes.add(new MapChange(subject(now), "added", null, now.key(),
                                          "handoff " + now.key() + " added (" + now.owner() + ")"));
                continue;
            }
            if (old.get().owner() != now.owner()) {
                changes.add(new MapChange(subject(now), "owner", old.get().owner().name(), now.owner().name(),
                                          "handoff " + now.key() + ": owner " + old.get().owner() + " → "
                                                  + now.owner()));
            }
            if (!old.get().criteria().equals(now.criteria())) {
                changes.add(new MapChange(subject(now), "criteria", old.get().criteria(), now.criteria(),
                                          "handoff " + now.key() + ": criteria '" + old.get().criteria() + "' → '"
                                                  + now.criteria() + "'"));
            }
        }
        calendarChanges(before, after, changes);
        return changes;
    }

    private static void calendarChanges(MapDefinition before, MapDefinition after, List<MapChange> changes) {
        for (BusinessCalendar old : before.calendars()) {
            if (after.calendar(old.calendarId()).isEmpty()) {
                changes.add(new MapChange("calendar:" + old.calendarId(), "removed", old.calendarId(), null,
                                          "calendar " + old.calendarId() + " removed"));
            }
        }
        for (BusinessCalendar now : after.calendars()) {
            Optional<BusinessCalendar> old = before.calendar(now.calendarId());
            String subject = "calendar:" + now.calendarId();
            if (old.isEmpty()) {
                changes.add(new MapChange(subject, "added", null, now.calendarId(),
                                          "calendar " + now.calendarId() + " added (" + describe(now) + ")"));
                continue;
            }
            String prefix = "calendar " + now.calendarId() + ": ";
            field(subject, prefix, "zone", old.get().zone(), now.zone(), changes);
            field(subject, prefix, "workingDays", String.join(", ", old.get().workingDays()),
                  String.join(", ", now.workingDays()), changes);
            field(subject, prefix, "hours", String.join(", ", old.get().hours()), String.join(", ", now.hours()),
                  changes);
            field(subject, prefix, "holidays", String.join(", ", old.get().holidays()),
                  String.join(", ", now.holidays()), changes);
        }
    }

    private static void field(String subject, String prefix, String field, String before, String after,
                              List<MapChange> changes) {
        if (!before.equals(after)) {
            changes.add(new MapChange(subject, field, before, after, prefix + field + " "
                    + (before.isEmpty() ? "none" : before) + " → " + (after.isEmpty() ? "none" : after)));
        }
    }

    /** "Europe/Berlin, MONDAY, ..., FRIDAY, 09:00-12:30, 13:30-17:30, 3 holidays". */
    static String describe(BusinessCalendar calendar) {
        return calendar.zone() + ", " + String.join(", ", calendar.workingDays()) + ", "
                + String.join(", ", calendar.hours()) + ", " + calendar.holidays().size()
                + (calendar.holidays().size() == 1 ? " holiday" : " holidays");
    }

    private static void stageChanges(Stage old, Stage now, List<MapChange> changes) {
        String subject = "stage:" + now.stageId();
        String prefix = "stage " + now.stageId() + ": ";
        if (!old.name().equals(now.name())) {
            changes.add(new MapChange(subject, "name", old.name(), now.name(),
                                      prefix + "name '" + old.name() + "' → '" + now.name() + "'"));
        }
        if (old.owner() != now.owner()) {
            changes.add(new MapChange(subject, "owner", old.owner().name(), now.owner().name(),
                                      prefix + "owner " + old.owner() + " → " + now.owner()));
        }
        if (!old.enteredOn().equals(now.enteredOn())) {
            String from = String.join(", ", old.enteredOn());
            String to = String.join(", ", now.enteredOn());
            changes.add(new MapChange(subject, "enteredOn", from, to, prefix + "entered on " + from + " → " + to));
        }
        if (!Objects.equals(old.slaHours(), now.slaHours())) {
            changes.add(new MapChange(subject, "slaHours", text(old.slaHours()), text(now.slaHours()),
                                      prefix + "SLA " + sla(old.slaHours()) + " → " + sla(now.slaHours())));
        }
        if (old.terminal() != now.terminal()) {
            changes.add(new MapChange(subject, "terminal", String.valueOf(old.terminal()),
                                      String.valueOf(now.terminal()),
                                      prefix + (now.terminal() ? "now terminal" : "no longer terminal")));
        }
    }

    private static String subject(Handoff handoff) {
        return "handoff:" + handoff.fromStage() + "->" + handoff.toStage();
    }

    private static String sla(Integer hours) {
        return hours == null ? "none" : hours + "h";
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }
}
