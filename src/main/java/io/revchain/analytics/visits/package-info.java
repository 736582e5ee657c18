/** Flat MongoDB read models of steps, journeys and stage visits for BI tools, with blue/green rebuilds. */
package io.revchain.analytics.visits;
