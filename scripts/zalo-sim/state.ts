import crypto from "node:crypto";

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  appId: string;
  appSecret: string;
  oaId: string;
  oaSecret: string;
  /**
   * Consultation-message window after the user's last interaction: Zalo refuses with -230 after 7 days (168 h).
   * 48 h is only where Zalo starts charging, not a refusal; the app's own (cost) window is an admin setting.
   */
  csWindowHours?: number;
  /** Whether Graph /v2.0/me answers `user_id_by_oa` (a Mini App verified by / linked to the OA). Default: no. */
  graphReturnsOaId?: boolean;
  /** OA sends accepted per second before -32. */
  ratePerSec?: number;
  /** Lifetime of a Mini App user access token. */
  userTokenTtlSec?: number;
  /** Lifetime of an OA access token (Zalo: ~25 h). */
  oaTokenTtlSec?: number;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, "host">> & { host: string };

export interface SimUser {
  /** Per-Mini-App id (what Graph /me answers). */
  id: string;
  /** The id the OA uses (getUserInfo().idByOA, webhook sender.id). */
  oaUserId: string;
  name: string;
  phone: string;
  avatar: string;
  following: boolean;
  lastInteractionAt: Date | null;
  /** She allowed scope.userInfo: since zmp-sdk 2.35 Graph answers her name and picture only then. */
  sharesUserInfo: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  at: Date;
}

export interface SentMessage {
  kind: "cs" | "template";
  messageId: string;
  /** OA user id for consultation messages. */
  userId?: string;
  phone?: string;
  text?: string;
  templateId?: string;
  templateData?: Record<string, unknown>;
  trackingId?: string;
  at: Date;
}

export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as a string, like Zalo. */
  expiresIn: string;
}

/** An injected failure: a Zalo error code answered with HTTP 200, or "drop" to cut the connection. */
export type Failure = number | "drop";

const HOUR_MS = 3_600_000;

/** Zalo's 7-day consultation window. */
export const CS_WINDOW_HOURS = 7 * 24;
/** Longest OA text message Zalo accepts; longer is refused (-201), never cut. */
export const OA_TEXT_MAX = 2000;

/**
 * Zalo ids are 18–19 digit strings, beyond Number.MAX_SAFE_INTEGER, so any code that parses them
 * as numbers corrupts them and the tests notice.
 */
export function newZaloId(): string {
  let s = String(1 + crypto.randomInt(8));
  for (let i = 0; i < 18; i++) s += String(crypto.randomInt(10));
  return s;
}

const randomToken = (prefix: string) => `${prefix}${crypto.randomBytes(24).toString("base64url")}`;

/** Everything the simulator remembers; the HTTP handlers and the in-process helpers share it. */
export class SimState {
  readonly usersById = new Map<string, SimUser>();
  readonly usersByOa = new Map<string, SimUser>();
  readonly userTokens = new Map<string, { userId: string; expiresAt: number }>();
  readonly phoneTokens = new Map<string, { userId: string; expiresAt: number; used: boolean }>();
  /** getLocation() tokens: the same single-use exchange as phone tokens, answering coordinates. */
  readonly locationTokens = new Map<string, { userId: string; expiresAt: number; used: boolean; latitude: number; longitude: number }>();
  readonly oaAccess = new Map<string, { expiresAt: number }>();
  readonly oaRefresh = new Map<string, { expiresAt: number; used: boolean }>();
  readonly requests: RecordedRequest[] = [];
  readonly messages: SentMessage[] = [];
  readonly failures = new Map<string, Failure[]>();
  readonly delays = new Map<string, number>();
  private recentSends: number[] = [];
  /** Messages accepted since the start (or reset), by kind; `messages` keeps only the latest 20,000. */
  readonly sentCount = { cs: 0, template: 0 };
  /** While true every OA send answers -234 ("no messages at night"), as Zalo does in its quiet hours. */
  night = false;
  graphReturnsOaId: boolean;

  constructor(readonly opts: ResolvedOptions) {
    this.graphReturnsOaId = opts.graphReturnsOaId;
  }

  createUser(input: { name: string; id?: string; oaUserId?: string; phone?: string; sharesUserInfo?: boolean }): SimUser & { accessToken: string } {
    const user: SimUser = {
      id: input.id ?? newZaloId(),
      oaUserId: input.oaUserId ?? newZaloId(),
      name: input.name,
      phone: input.phone ?? `849${String(crypto.randomInt(10_000_000, 100_000_000))}`,
      avatar: `https://s120-ava-talk.zadn.vn/sim/${crypto.randomBytes(6).toString("hex")}.jpg`,
      following: true,
      lastInteractionAt: null,
      sharesUserInfo: input.sharesUserInfo ?? true,
    };
    this.usersById.set(user.id, user);
    this.usersByOa.set(user.oaUserId, user);
    return { ...user, accessToken: this.issueUserToken(user.id) };
  }

  issueUserToken(userId: string): string {
    const token = randomToken("sim-user-");
    this.userTokens.set(token, { userId, expiresAt: Date.now() + this.opts.userTokenTtlSec * 1000 });
    return token;
  }

  /** A getPhoneNumber() token: single use, about two minutes. */
  phoneToken(userId: string): string {
    if (!this.usersById.has(userId)) throw new Error(`zalo-sim: unknown user ${userId}`);
    const token = randomToken("sim-phone-");
    this.phoneTokens.set(token, { userId, expiresAt: Date.now() + 2 * 60_000, used: false });
    return token;
  }

  /** A getLocation() token for where she is: single use, about two minutes, like the phone token. */
  locationToken(userId: string, latitude: number, longitude: number): string {
    if (!this.usersById.has(userId)) throw new Error(`zalo-sim: unknown user ${userId}`);
    const token = randomToken("sim-loc-");
    this.locationTokens.set(token, { userId, expiresAt: Date.now() + 2 * 60_000, used: false, latitude, longitude });
    return token;
  }

  issueOaTokens(): OaTokenPair {
    const accessToken = randomToken("sim-oa-at-");
    const refreshToken = randomToken("sim-oa-rt-");
    this.oaAccess.set(accessToken, { expiresAt: Date.now() + this.opts.oaTokenTtlSec * 1000 });
    this.oaRefresh.set(refreshToken, { expiresAt: Date.now() + 90 * 24 * HOUR_MS, used: false });
    return { accessToken, refreshToken, expiresIn: String(this.opts.oaTokenTtlSec) };
  }

  /** Works for Mini App user tokens and OA access tokens alike. */
  expireAccessToken(token: string): void {
    const entry = this.userTokens.get(token) ?? this.oaAccess.get(token);
    if (!entry) throw new Error("zalo-sim: unknown access token");
    entry.expiresAt = Date.now() - 1;
  }

  interact(oaUserId: string, at: Date = new Date()): void {
    this.userByOa(oaUserId).lastInteractionAt = at;
  }

  setFollowing(oaUserId: string, following: boolean): void {
    this.userByOa(oaUserId).following = following;
  }

  userByOa(oaUserId: string): SimUser {
    const u = this.usersByOa.get(oaUserId);
    if (!u) throw new Error(`zalo-sim: unknown OA user ${oaUserId}`);
    return u;
  }

  withinWindow(user: SimUser, now = Date.now()): boolean {
    return user.lastInteractionAt !== null && now - user.lastInteractionAt.getTime() <= this.opts.csWindowHours * HOUR_MS;
  }

  /** Sliding one-second window over every OA send; a rate of 0 or less accepts everything (benchmarks). */
  takeSendSlot(now = Date.now()): boolean {
    if (this.opts.ratePerSec <= 0) return true;
    this.recentSends = this.recentSends.filter((t) => now - t < 1000);
    if (this.recentSends.length >= this.opts.ratePerSec) return false;
    this.recentSends.push(now);
    return true;
  }

  recordMessage(m: SentMessage): void {
    this.sentCount[m.kind]++;
    // Bounded for long-running dev simulators; tests never send this many.
    if (this.messages.length >= 20_000) this.messages.splice(0, 2_000);
    this.messages.push(m);
  }

  failNext(path: string, failure: Failure): void {
    const list = this.failures.get(path) ?? [];
    list.push(failure);
    this.failures.set(path, list);
  }

  takeFailure(path: string): Failure | undefined {
    return this.failures.get(path)?.shift();
  }

  reset(): void {
    for (const m of [this.usersById, this.usersByOa, this.userTokens, this.phoneTokens, this.locationTokens, this.oaAccess, this.oaRefresh, this.failures, this.delays]) {
      m.clear();
    }
    this.requests.length = 0;
    this.messages.length = 0;
    this.recentSends = [];
    this.sentCount.cs = 0;
    this.sentCount.template = 0;
    this.night = false;
    this.graphReturnsOaId = this.opts.graphReturnsOaId;
  }
}
