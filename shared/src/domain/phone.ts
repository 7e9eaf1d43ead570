/**
 * Vietnamese phone numbers as Zalo wants them: "84" + the national number without its leading 0.
 * Women and cán bộ write them every way ("0912 345 678", "+84 912.345.678", "84912345678", "(+84) 0912-345-678");
 * anything that is not a Vietnamese mobile (03/05/07/08/09 + 8 digits) or landline (02 + 9 digits) number is refused.
 */
export function normalizeVietnamPhone(input: string): string | null {
  if (typeof input !== "string" || input.length > 40) return null;
  // Separators people type or paste; anything else (letters, a second "+") makes it not a phone number.
  const compact = input.trim().replace(/[\s.\-()\u00a0]/g, "");
  const m = /^(?:\+84|0084|84)0?(\d{9,10})$/.exec(compact) ?? /^0(\d{9,10})$/.exec(compact);
  if (!m) return null;
  const national = m[1] as string;
  const mobile = /^[35789]\d{8}$/.test(national);
  const landline = /^2\d{9}$/.test(national);
  return mobile || landline ? `84${national}` : null;
}

