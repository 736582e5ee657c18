/** The HTTP contract as a client sees it: every read in every format, hostile requests, README's first session. */
package io.revchain.contract;
