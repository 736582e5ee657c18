package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.map.AddDiscoveredStages;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.map.DiscoveredStage;
import io.revchain.map.MapDiscovery;
import io.revchain.map.MapView;
import io.revchain.map.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Map discovery without the map aggregate, for importer tests: each call defines a fresh map from the discovered
 * stages as given and declares their step types. The aggregate's own merging is tested in SupplyChainMapTest.
 */
final class FakeMapDiscovery implements MapDiscovery, DeclaredStepTypes {

    private final Set<String> declared = new HashSet<>(ImportFixture.RUNNING_EXAMPLE_TYPES);
    private final List<AddDiscoveredStages> commands = new ArrayList<>();
    private final List<Actor> actors = new ArrayList<>();

    @Override
    public synchronized MapView addDiscoveredStages(AddDiscoveredStages command, Actor actor) {
        commands.add(command);
        actors.add(actor);
        List<Stage> stages = new ArrayList<>();
        for (DiscoveredStage s : command.stages()) {
            stages.add(new Stage(s.stageId(), s.name(), s.owner(), List.of(s.stepType()), null, s.terminal()));
            declared.add(s.stepType());
        }
        return new MapView(command.mapId(), commands.size(), Instant.now(), actor, command.name(), null, stages, List.of(),
                           List.of());
    }

    @Override
    public synchronized boolean isDeclared(String stepType) {
        return declared.contains(stepType) || ImportFixture.DECLARED.isDeclared(stepType);
    }

    synchronized List<AddDiscoveredStages> commands() {
        return List.copyOf(commands);
    }

    synchronized List<Actor> actors() {
        return List.copyOf(actors);
    }
}
