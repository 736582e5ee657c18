/** What segments, campaigns and journeys share with the intake that feeds them: a step's outcome, the rule it broke. */
package io.revchain.chain;
