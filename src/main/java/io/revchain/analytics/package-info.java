/** Flow analytics as pure functions over journey facts and a map: visits, transitions, WIP, dwell, conversion, loop. */
package io.revchain.analytics;
