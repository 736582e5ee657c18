/** HTTP concerns shared by all features: RFC 9457 problem responses, CSV for BI tools. */
@NamedInterface("web")
package io.revchain.system.web;

import org.springframework.modulith.NamedInterface;
