/** The bytes carry a known signature but their structure is broken (truncated, lying lengths, polyglot). */
export class CorruptMediaError extends Error {
  constructor(readonly format: string, detail: string) {
    super(`${format}: ${detail}`);
  }
}

export function check(cond: unknown, format: string, detail: string): asserts cond {
  if (!cond) throw new CorruptMediaError(format, detail);
}
