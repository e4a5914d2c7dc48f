/**
 * Money as integer euro cents, shown and typed the Dutch way.
 *
 * Owns: `formatEuro` (cents -> '€ 1.234,50', whole euros without ',00') and `parseEuro`
 * (what a person types -> cents, or null). Invariant: every amount in the model is a
 * non-negative safe integer of cents; only derived figures (remaining budget) go negative.
 */

/** nl-NL amount: 200000 -> '€ 2.000', 123450 -> '€ 1.234,50', -50000 -> '-€ 500'. */
export function formatEuro(cents: number): string {
  if (!Number.isFinite(cents)) throw new TypeError(`formatEuro: not a finite amount: ${cents}`);
  const whole = Math.round(cents);
  const sign = whole < 0 ? '-' : '';
  const abs = Math.abs(whole);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = abs % 100;
  return `${sign}€ ${euros}${rest === 0 ? '' : `,${rest.toString().padStart(2, '0')}`}`;
}

// Euros: plain digits, or digits grouped by dots in threes ('1.234.567').
const eurosPart = String.raw`(\d+|\d{1,3}(?:\.\d{3})+)`;
const withComma = new RegExp(String.raw`^${eurosPart}(?:,(\d{1,2}|-{1,2}))?$`);
// Without a comma, a dot followed by one or two digits is a decimal point ('12.50').
const withDot = /^(\d+)\.(\d{1,2})$/;

/**
 * Cents for what someone typed: '1.234,50', '1234,5', '€ 2.000', '2000', '€ 25,-', '12.50'.
 * Null for anything else: empty, negative, letters, more than two decimals, absurdly large.
 */
export function parseEuro(text: string): number | null {
  if (typeof text !== 'string') return null;
  const t = text.trim().replace(/^€\s*/, '').replace(/\s+/g, '');
  let euros: string;
  let decimals = '';
  const dot = withDot.exec(t);
  const comma = withComma.exec(t);
  if (dot) {
    euros = dot[1]!;
    decimals = dot[2]!;
  } else if (comma) {
    euros = comma[1]!.replace(/\./g, '');
    decimals = comma[2]?.startsWith('-') ? '' : (comma[2] ?? '');
  } else {
    return null;
  }
  const cents = Number(euros) * 100 + Number(decimals.padEnd(2, '0') || '0');
  return Number.isSafeInteger(cents) ? cents : null;
}
