/** HTTP concerns shared by all features: RFC 9457 problem responses. */
package io.revchain.system.web;
