/** Axon event storage on MongoDB with a global sequence and gap-aware tracking. */
@NamedInterface("eventstore")
package io.revchain.system.eventstore;

import org.springframework.modulith.NamedInterface;
