/** Target segments that marketing profiles (industry, size, region, persona, needs) and revises. */
package io.revchain.segment;
