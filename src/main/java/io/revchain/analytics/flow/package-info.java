/** The end-to-end map and its bottlenecks as a read side: facts from events, read models, and the BI endpoints. */
package io.revchain.analytics.flow;
