/**
 * Tracking codes a woman can read out over the phone: a kind prefix, six random characters and a check character,
 * e.g. "PA-7KM3QX9". The alphabet leaves out 0/O, 1/I/L and U so nothing is misread; the check character catches any one
 * mistyped character and most swapped pairs before we even query the database.
 */
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

export const TRACKING_PREFIX = { feedback: "PA", report: "BC", petition: "KN" } as const;
export type TrackedKind = keyof typeof TRACKING_PREFIX;

const BODY_LENGTH = 6;

/** Position weights coprime to 30 (the alphabet's size): any single wrong character changes the check. */
const WEIGHTS = [1, 7, 11, 13, 17, 19, 23, 29];

function checkChar(prefix: string, body: string): string {
  let sum = 0;
  const s = prefix + body;
  for (let i = 0; i < s.length; i++) {
    const v = TRACKING_ALPHABET.indexOf(s[i] as string);
    // prefix letters outside the alphabet still count, by char code
    sum += (WEIGHTS[i % WEIGHTS.length] as number) * (v >= 0 ? v : s.charCodeAt(i));
  }
  return TRACKING_ALPHABET[sum % TRACKING_ALPHABET.length] as string;
}

/** `randomInts(n)` gives n integers ≥ 0 (crypto-random on the server). */
export function generateTrackingCode(kind: TrackedKind, randomInts: (n: number) => number[]): string {
  const prefix = TRACKING_PREFIX[kind];
  const body = randomInts(BODY_LENGTH)
    .map((n) => TRACKING_ALPHABET[n % TRACKING_ALPHABET.length])
    .join("");
  return `${prefix}-${body}${checkChar(prefix, body)}`;
}

/**
 * The canonical code for what she typed ("pa 7km3qx9", "PA-7KM3-QX9" …), or null when it cannot be one.
 */
export function normalizeTrackingCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, "");
  const m = /^(PA|BC|KN)([0-9A-Z]{7})$/.exec(s);
  if (!m) return null;
  const prefix = m[1] as string;
  const rest = m[2] as string;
  if ([...rest].some((c) => !TRACKING_ALPHABET.includes(c))) return null;
  const body = rest.slice(0, BODY_LENGTH);
  if (checkChar(prefix, body) !== rest[BODY_LENGTH]) return null;
  return `${prefix}-${body}${rest[BODY_LENGTH]}`;
}
