package io.revchain.importing;

import io.revchain.journey.CustomStepRecorded;
import io.revchain.journey.JourneyEvent;
import io.revchain.map.DeclaredStepTypes;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The step types the intake accepts: the chain's own steps plus custom types declared by a map. */
final class StepTypes {

    // The journey's own events are the schema; a custom step is recorded under its declared type instead.
    static final List<String> BUILT_IN = Arrays.stream(JourneyEvent.class.getPermittedSubclasses())
                                               .filter(type -> type != CustomStepRecorded.class)
                                               .map(Class::getSimpleName)
                                               .toList();

    private static final Set<String> BUILT_IN_SET = Set.copyOf(BUILT_IN);

    private final DeclaredStepTypes declared;
    private final Set<String> alsoValid;
    // Declared types may live in a store; one look-up per distinct value per import is enough.
    private final Map<String, Boolean> declaredCache = new HashMap<>();

    private StepTypes(DeclaredStepTypes declared, Set<String> alsoValid) {
        this.declared = declared;
        this.alsoValid = alsoValid;
    }

    static StepTypes of(DeclaredStepTypes declared) {
        return new StepTypes(declared, Set.of());
    }

    static StepTypes builtInOnly() {
        return new StepTypes(null, Set.of());
    }

    /** Every non-empty name: discovery's first pass reads activity labels as types. */
    static StepTypes any() {
        return new StepTypes(type -> true, Set.of());
    }

    /** These types too: the ones a discovery has just declared on its map. */
    StepTypes with(Collection<String> declaredNow) {
        Set<String> all = new HashSet<>(alsoValid);
        all.addAll(declaredNow);
        return new StepTypes(declared, Set.copyOf(all));
    }

    synchronized boolean isValid(String type) {
        if (type == null || type.isEmpty()) {
            return false;
        }
        if (BUILT_IN_SET.contains(type) || alsoValid.contains(type)) {
            return true;
        }
        return declared != null && declaredCache.computeIfAbsent(type, declared::isDeclared);
    }
}
