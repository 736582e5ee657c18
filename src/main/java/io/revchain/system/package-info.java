/** Cross-cutting wiring: MongoDB (embedded or real), Axon, HTTP error handling. */
package io.revchain.system;
