/**
 * A field of Zalo's JSON as text: a string as sent, a number written out, anything else (missing, null, an object)
 * `fallback` — never "[object Object]" in a log line, an error or an event key.
 */
export function textOf(value: unknown, fallback = ""): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return fallback;
}
