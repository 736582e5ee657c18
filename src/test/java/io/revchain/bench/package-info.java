/** On-demand benchmarks ({@code mvn -B -Pbench test}); figures are ratios against a baseline measured in the same run. */
package io.revchain.bench;
