/** Import of recorded history (CRM exports as CSV, process-mining logs as XES) into the chain as steps. */
package io.revchain.importing;
