/** The supply chain map: versioned stages, owners, handoffs, SLAs and agreed definitions, with their history. */
package io.revchain.map;
