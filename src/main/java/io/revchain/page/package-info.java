/** The mapping-session web page: the map on a projector, drill-down, compare, replay, what-if drafts, sessions. */
package io.revchain.page;
