/** Axon event storage on MongoDB with a global sequence and gap-aware tracking. */
package io.revchain.system.eventstore;
