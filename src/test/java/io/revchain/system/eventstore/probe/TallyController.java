package io.revchain.system.eventstore.probe;

import io.revchain.identity.Role;
import io.revchain.identity.Route;
import io.revchain.system.eventstore.probe.ProbeMessages.AddToTally;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@Profile("probe")
class TallyController {

    private final CommandGateway commands;

    TallyController(CommandGateway commands) {
        this.commands = commands;
    }

    /** The probe's route, added to the route table for the probe profile only. */
    @Bean
    static Route probeTallies() {
        return Route.of(HttpMethod.POST, "/probe/tallies/{id}", Role.RECORDER);
    }

    @PostMapping("/probe/tallies/{id}")
    Mono<Integer> add(@PathVariable String id, @RequestParam int amount) {
        return Mono.fromCallable(() -> commands.<Integer>sendAndWait(new AddToTally(id, amount)))
                   .subscribeOn(Schedulers.boundedElastic());
    }
}
