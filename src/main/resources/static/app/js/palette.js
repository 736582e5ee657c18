// Colour-blind-safe colours: Okabe–Ito for the four functions, a light-to-dark sequential scale (legible by
// lightness alone) for the share of dwell, and a purple–orange diverging scale for changes.

const d3 = globalThis.d3;

export const FUNCTION_COLOURS = {
  MARKETING: '#E69F00',
  SALES: '#0072B2',
  SERVICE: '#009E73',
  JOINT: '#CC79A7',
};

export const LANE_TINTS = {
  MARKETING: '#FDF3E1',
  SALES: '#E3EEF7',
  SERVICE: '#E0F3EE',
  JOINT: '#F7EAF2',
};

export const ALERT = '#D55E00';

/** Fill for a stage by its share of total dwell, 0..1 (the bottleneck is darkest). */
export function dwellFill(share) {
  return d3.interpolateYlOrBr(0.05 + 0.8 * Math.max(0, Math.min(1, share || 0)));
}

/** Fill for a change, −1..1 where positive is worse (more dwell, fewer conversions). */
export function changeFill(change) {
  const t = Math.max(-1, Math.min(1, change || 0));
  return d3.interpolatePuOr(0.5 + t * 0.45);
}

/** Dark or light text, whichever reads on the fill. */
export function textOn(fill) {
  const c = d3.color(fill);
  if (!c) return '#111';
  const { r, g, b } = c.rgb();
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#111' : '#fff';
}
