/** A minimal aggregate and projection (profile "probe") that exercise the event store end to end. */
package io.revchain.system.eventstore.probe;
