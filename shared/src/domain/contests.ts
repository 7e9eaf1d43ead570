/** Thi (issue 11): the numbers the server enforces and the Mini App shows. */
export const CONTEST_LIMITS = {
  /** A submission this long after the deadline still counts (a slow line sending the last answer). */
  graceSeconds: 15,
  titleMax: 200,
  textMax: 5000,
  promptMax: 1000,
  choiceMax: 300,
  choicesMin: 2,
  choicesMax: 6,
  /** Questions a bank may hold (one import). */
  bankMax: 2000,
  questionsPerAttemptMax: 100,
  timeLimitMinSeconds: 30,
  timeLimitMaxSeconds: 4 * 3600,
  attemptsMax: 50,
  roundsMax: 30,
  prizeTiersMax: 10,
  prizeCountMax: 1000,
  /** An import file (Excel or CSV), base64 in a JSON body. */
  importMaxBytes: 2 * 1024 * 1024,
  leaderboardTop: 100,
  predictionMax: 100_000_000,
} as const;

export const CONTEST_KINDS = ["contest", "practice"] as const;
export type ContestKind = (typeof CONTEST_KINDS)[number];

export const CONTEST_STATUSES = ["draft", "published", "closed"] as const;
export type ContestStatusCode = (typeof CONTEST_STATUSES)[number];

/** Where a round stands for a member, from its times and the cán bộ's close. */
export type RoundPhase = "upcoming" | "open" | "closed";

export function roundPhase(r: { opensAt: string | Date; closesAt: string | Date; closedAt?: string | Date | null }, now: Date): RoundPhase {
  if (r.closedAt) return "closed";
  const t = now.getTime();
  if (t < new Date(r.opensAt).getTime()) return "upcoming";
  if (t >= new Date(r.closesAt).getTime()) return "closed";
  return "open";
}

/** Fisher–Yates with a caller's random source (the server uses crypto; tests may pass a seeded one). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** An answer is right when she picked exactly the right choices (all of them for a multiple-choice question). */
export function isRightAnswer(answer: readonly number[], picked: readonly number[]): boolean {
  const want = new Set(answer);
  const got = new Set(picked);
  return want.size === got.size && [...want].every((c) => got.has(c));
}
