/** Revenue, MQL and SAL targets per quarter for a map, proposed by one function and agreed by another. */
package io.revchain.target;
