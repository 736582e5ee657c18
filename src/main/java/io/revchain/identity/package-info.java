/** Who is calling: users and API keys, sign-in, the route table of roles, sessions, rate limits and attribution. */
package io.revchain.identity;
