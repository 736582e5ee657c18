/** Joint mapping sessions: who took part, the decisions taken and the action items owed, also after closing. */
package io.revchain.session;
