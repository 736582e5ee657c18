/** Campaigns that marketing launches for a profiled segment, the assets they publish, and their close. */
package io.revchain.campaign;
