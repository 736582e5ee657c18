/** History out for other tools: a window of journeys streamed as IEEE 1849 XES and as OCEL 2.0 JSON. */
package io.revchain.analytics.export;
