/** The embedded server's H2 backend with index key comparisons that do not serialize on every call. */
package io.revchain.system.h2;
