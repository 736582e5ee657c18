/** Intake of chain steps from integrations and imports: validation, idempotency, dispatch to aggregates. */
package io.revchain.step;
