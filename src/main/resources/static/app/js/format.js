// Figures as a person reads them from across the room: hours become days past two days, counts get separators.

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export function count(n) {
  return n === null || n === undefined ? '–' : number.format(n);
}

export function hours(h) {
  if (h === null || h === undefined) return '–';
  if (Math.abs(h) < 1) return `${one.format(h * 60)} min`;
  if (Math.abs(h) < 48) return `${one.format(h)} h`;
  return `${one.format(h / 24)} d`;
}

export function signedHours(h) {
  if (h === null || h === undefined) return '–';
  return (h > 0 ? '+' : h < 0 ? '−' : '±') + hours(Math.abs(h));
}

export function signed(n) {
  if (n === null || n === undefined) return '–';
  return (n > 0 ? '+' : n < 0 ? '−' : '±') + count(Math.abs(n));
}

export function percent(share) {
  return share === null || share === undefined ? '–' : `${one.format(share * 100)} %`;
}

/** A change of a rate in percentage points: 0.75 → 0.6 is "−15 pp". */
export function points(change) {
  if (change === null || change === undefined) return '–';
  const pp = Math.abs(change * 100);
  return (change > 0 ? '+' : change < 0 ? '−' : '±') + `${one.format(pp)} pp`;
}

/**
 * An amount in the map's currency (ISO 4217), or a plain number when the map declares none. Exact: cents are shown
 * when there are any, so the page says what the API says.
 */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return '–';
  const n = Number(amount);
  const digits = Number.isInteger(n) ? 0 : 2;
  const options = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (currency) {
    try {
      return new Intl.NumberFormat('en', { ...options, style: 'currency', currency }).format(n);
    } catch { /* not a code Intl knows: fall through to the number and the code */ }
    return `${new Intl.NumberFormat('en', options).format(n)} ${currency}`;
  }
  return new Intl.NumberFormat('en', options).format(n);
}

export function signedMoney(amount, currency) {
  if (amount === null || amount === undefined) return '–';
  const n = Number(amount);
  return (n > 0 ? '+' : n < 0 ? '−' : '±') + money(Math.abs(n), currency);
}

export function dateTime(iso) {
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '–';
}

export function date(iso) {
  return iso ? iso.slice(0, 10) : '–';
}

/** Text safe to put into HTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;' }[c]));
}
