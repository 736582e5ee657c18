/** Revenue through the chain as a read side: value per stage, revenue by origin, velocity, sales pack, scorecard. */
package io.revchain.analytics.revenue;
