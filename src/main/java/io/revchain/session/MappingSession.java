package io.revchain.session;

import static io.revchain.session.SessionRuleViolation.error;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.ForbiddenException;
import io.revchain.system.web.NotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A joint mapping session. Decisions and action items are taken while it is open; action items are completed
 * whenever they are done, also after it closed. Retries of any command change nothing.
 */
@Aggregate
class MappingSession {

    @AggregateIdentifier
    private String id;
    private SessionState state;

    MappingSession() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SessionState handle(OpenMappingSession command, KnownMaps maps) {
        MappingSessionOpened opened = opening(command, maps);
        if (state != null) {
            if (opened.equals(new MappingSessionOpened(state.sessionId(), state.mapId(), state.title(),
                                                       state.facilitator(), state.participants()))) {
                return state;
            }
            throw SessionRuleViolation.of("sessionId", "session-already-opened",
                                          "session " + command.sessionId() + " was opened with other details; "
                                                  + "choose another id");
        }
        apply(opened);
        return state;
    }

    private static MappingSessionOpened opening(OpenMappingSession command, KnownMaps maps) {
        List<FieldError> errors = new ArrayList<>();
        if (!SessionIds.valid(command.sessionId())) {
            errors.add(error("sessionId", "session-id-format",
                             "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        String mapId = strip(command.mapId());
        if (mapId == null || maps.latestVersion(mapId).isEmpty()) {
            errors.add(error("mapId", "session-map-known", mapId == null
                    ? "name the map the session works on"
                    : "there is no map '" + mapId + "'; define it first with PUT /api/maps/" + mapId));
        }
        String facilitator = strip(command.facilitator());
        if (facilitator == null) {
            errors.add(error("facilitator", "session-facilitator-required", "name the person facilitating"));
        }
        List<Participant> participants = new ArrayList<>();
        List<ParticipantRequest> requested = command.participants() == null ? List.of() : command.participants();
        for (int i = 0; i < requested.size(); i++) {
            String at = "participants[" + i + "]";
            ParticipantRequest request = requested.get(i);
            if (request == null) {
                errors.add(error(at, "participant-required", "a participant cannot be null"));
                continue;
            }
            String name = strip(request.name());
            Optional<BusinessFunction> function = BusinessFunction.parse(request.function());
            if (name == null) {
                errors.add(error(at + ".name", "participant-name-required", "name the participant"));
            } else if (participants.stream().anyMatch(p -> p.name().equalsIgnoreCase(name))) {
                errors.add(error(at + ".name", "participant-name-unique",
                                 "'" + name + "' is already a participant; action items are owned by name"));
            }
            if (function.isEmpty()) {
                errors.add(error(at + ".function", "participant-function-valid",
                                 (request.function() == null ? "null" : "'" + request.function() + "'")
                                         + " is not a function; use one of " + BusinessFunction.CHOICES));
            }
            if (name != null && function.isPresent()) {
                participants.add(new Participant(name, function.get()));
            }
        }
        Set<BusinessFunction> present = EnumSet.noneOf(BusinessFunction.class);
        requested.stream().filter(r -> r != null).forEach(r -> BusinessFunction.parse(r.function())
                                                                               .ifPresent(present::add));
        if (!present.contains(BusinessFunction.MARKETING) || !present.contains(BusinessFunction.SALES)) {
            errors.add(error("participants", "session-joint",
                             "a mapping session is joint: it needs participants from both MARKETING and SALES"));
        }
        if (!errors.isEmpty()) {
            throw new SessionRuleViolation(errors);
        }
        return new MappingSessionOpened(command.sessionId(), mapId, strip(command.title()), facilitator,
                                        participants);
    }

    @CommandHandler
    Decision handle(RecordDecision command, KnownMaps maps) {
        String decisionId = strip(command.decisionId());
        String text = strip(command.text());
        List<Long> versions = command.mapVersions() == null ? List.of() : command.mapVersions();
        if (decisionId != null) {
            Optional<Decision> earlier = state.decision(decisionId);
            if (earlier.isPresent()) {
                if (earlier.get().text().equals(text) && earlier.get().mapVersions().equals(versions)) {
                    return earlier.get();
                }
                throw SessionRuleViolation.of("decisionId", "decision-id-unique",
                                              "decision " + decisionId + " was recorded with another text");
            }
        }
        requireOpen();
        List<FieldError> errors = new ArrayList<>();
        if (decisionId != null && !SessionIds.valid(decisionId)) {
            errors.add(error("decisionId", "decision-id-format",
                             "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (text == null) {
            errors.add(error("text", "decision-text-required", "write down what was decided"));
        }
        if (!versions.isEmpty()) {
            OptionalLong latest = maps.latestVersion(state.mapId());
            for (int i = 0; i < versions.size(); i++) {
                Long version = versions.get(i);
                if (version == null || version < 1 || latest.isEmpty() || version > latest.getAsLong()) {
                    errors.add(error("mapVersions[" + i + "]", "decision-map-version-known",
                                     "map " + state.mapId() + " has versions 1 to " + latest.orElse(0)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new SessionRuleViolation(errors);
        }
        String assigned = decisionId != null ? decisionId : nextDecisionId();
        apply(new DecisionRecorded(state.sessionId(), assigned, text, state.mapId(), versions));
        return state.decision(assigned).orElseThrow();
    }

    private String nextDecisionId() {
        int n = state.decisions().size() + 1;
        while (state.decision("D" + n).isPresent()) {
            n++;
        }
        return "D" + n;
    }

    @CommandHandler
    ActionItem handle(AssignActionItem command) {
        String itemId = strip(command.itemId());
        if (!SessionIds.valid(itemId)) {
            throw SessionRuleViolation.of("itemId", "action-item-id-format",
                                          "give the item an id of 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Optional<ActionItem> earlier = state.item(itemId);
        if (earlier.isEmpty()) {
            requireOpen();
        }
        List<FieldError> errors = new ArrayList<>();
        String text = strip(command.text());
        if (text == null) {
            errors.add(error("text", "action-item-text-required", "write down what is to be done"));
        }
        Optional<Participant> owner = state.participant(strip(command.owner()));
        if (owner.isEmpty()) {
            errors.add(error("owner", "action-item-owner-participant",
                             (command.owner() == null ? "null" : "'" + command.owner() + "'")
                                     + " is not a participant; one of " + state.participants().stream()
                                                                              .map(Participant::name).toList()
                                     + " owns it"));
        }
        BusinessFunction function;
        if (command.function() == null) {
            function = owner.map(Participant::function).orElse(null);
        } else {
            function = BusinessFunction.parse(command.function()).orElse(null);
            if (function == null) {
                errors.add(error("function", "action-item-function-valid",
                                 "'" + command.function() + "' is not a function; use one of "
                                         + BusinessFunction.CHOICES));
            }
        }
        LocalDate due = null;
        try {
            due = command.due() == null ? null : LocalDate.parse(command.due().strip());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (due == null) {
            errors.add(error("due", "action-item-due-date", "give the due date as YYYY-MM-DD"));
        }
        if (!errors.isEmpty()) {
            throw new SessionRuleViolation(errors);
        }
        ActionItemAssigned assigned = new ActionItemAssigned(state.sessionId(), itemId, text, owner.get().name(),
                                                             function, due);
        if (earlier.isPresent()) {
            ActionItem item = earlier.get();
            if (new ActionItemAssigned(state.sessionId(), itemId, item.text(), item.owner(), item.function(),
                                       item.due()).equals(assigned)) {
                return item;
            }
            throw SessionRuleViolation.of("itemId", "action-item-id-unique",
                                          "action item " + itemId + " was assigned with other details");
        }
        apply(assigned);
        return state.item(itemId).orElseThrow();
    }

    @CommandHandler
    ActionItem handle(CompleteActionItem command) {
        ActionItem item = state.item(command.itemId()).orElseThrow(() -> new NotFoundException(
                "action-item-known: session " + state.sessionId() + " has no action item '" + command.itemId()
                        + "'"));
        if (item.done()) {
            return item;
        }
        if (item.function() != BusinessFunction.JOINT && command.function() != item.function()) {
            throw new ForbiddenException("action-item-own-function", "action item " + item.itemId() + " is owed by "
                    + item.function() + "; " + (command.function() == null ? "a principal without a function"
                    : command.function()) + " cannot complete it");
        }
        String by = strip(command.by());
        apply(new ActionItemCompleted(state.sessionId(), item.itemId(), by == null ? item.owner() : by,
                                      strip(command.note())));
        return state.item(item.itemId()).orElseThrow();
    }

    @CommandHandler
    SessionState handle(CloseMappingSession command) {
        if (!state.closed()) {
            apply(new MappingSessionClosed(state.sessionId()));
        }
        return state;
    }

    private void requireOpen() {
        if (state.closed()) {
            throw SessionRuleViolation.of("sessionId", "session-closed",
                                          "session " + state.sessionId() + " closed at " + state.closedAt()
                                                  + "; take new decisions and action items in a new session");
        }
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @EventSourcingHandler
    void on(SessionEvent event, @Timestamp Instant recordedAt, MetaData metaData) {
        id = SessionIds.aggregateId(event.sessionId());
        state = SessionState.apply(state, event, recordedAt, Actor.from(metaData).orElse(null));
    }
}
