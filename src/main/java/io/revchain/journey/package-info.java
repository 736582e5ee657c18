/** One lead's path from capture to customer and feedback: the journey aggregate and its steps. */
package io.revchain.journey;
