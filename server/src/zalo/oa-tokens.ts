import { sql } from "kysely";
import type { AppDeps } from "../deps.js";
import { ZaloApiError, zaloFetch } from "./http.js";
import { textOf } from "./text.js";

/** First half of the two-int advisory lock key ("ZL"); the second half is a hash of the OA id. */
const LOCK_CLASS = 0x5a4c;
const HOUR_MS = 3_600_000;
/**
 * How long a process reuses the token row it read (sends no longer read it per message). A pair refreshed by another
 * process meanwhile is noticed sooner anyway: Zalo rejects the old token (-216), and refresh() finds the new row.
 */
const TOKEN_CACHE_MS = 30_000;

/** The OA has no token pair yet and none can be obtained: an admin must connect it (channel unusable, not retryable). */
export class OaNotConnectedError extends Error {
  constructor() {
    super("Zalo OA is not connected: set ZALO_OA_REFRESH_TOKEN or store a token pair in zalo_oa_tokens");
  }
}

interface TokenRow {
  access_token: string;
  refresh_token: string;
  access_expires_at: Date;
  updated_at: Date;
}

interface Pair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Refresh well before expiry: one hour before, or the last fifth of a shorter lifetime. */
function needsRefresh(row: TokenRow, now = Date.now()): boolean {
  const expires = row.access_expires_at.getTime();
  const lifetime = Math.max(0, expires - row.updated_at.getTime());
  return expires - now <= Math.min(HOUR_MS, lifetime / 5);
}

function pairFrom(body: Record<string, unknown>, issuedAt: number, api: string): Pair {
  const accessToken = body.access_token;
  const refreshToken = body.refresh_token;
  const expiresIn = Number(body.expires_in); // Zalo sends a string of seconds
  if (typeof accessToken !== "string" || typeof refreshToken !== "string" || !accessToken || !refreshToken || !(expiresIn > 0)) {
    throw new ZaloApiError(Number(body.error) || -1, textOf(body.error_name, "answer carries no token pair"), api);
  }
  return { accessToken, refreshToken, expiresAt: new Date(issuedAt + expiresIn * 1000) };
}

/**
 * The OA access token, shared by every process through the zalo_oa_tokens row. Refresh tokens are single-use,
 * so a refresh happens only under a PostgreSQL advisory lock held across the HTTP call, the row is re-read once
 * the lock is ours (another process may have refreshed meanwhile), and the new pair is committed before use.
 */
export class OaTokenStore {
  private inflight: Promise<string> | null = null;
  private cached: { row: TokenRow; until: number } | null = null;
  /** The token row being read: sends starting together share one query. */
  private reading: Promise<TokenRow | undefined> | null = null;

  constructor(private readonly deps: AppDeps) {}

  private get zalo() {
    return this.deps.config.zalo;
  }

  /** A usable access token, refreshing first when it is close to expiry. */
  async accessToken(): Promise<string> {
    const c = this.cached;
    if (c && c.until > Date.now() && !needsRefresh(c.row)) return c.row.access_token;
    this.reading ??= this.deps.db
      .selectFrom("zalo_oa_tokens")
      .select(["access_token", "refresh_token", "access_expires_at", "updated_at"])
      .where("oa_id", "=", this.zalo.oaId)
      .executeTakeFirst()
      .finally(() => {
        this.reading = null;
      });
    const row = await this.reading;
    if (row && !needsRefresh(row)) {
      this.cached = { row, until: Date.now() + TOKEN_CACHE_MS };
      return row.access_token;
    }
    try {
      return await this.refresh(row?.access_token ?? null);
    } catch (err) {
      // An early refresh that failed must not stop sends while the current token still works.
      if (row && row.access_expires_at.getTime() > Date.now() + 5000) return row.access_token;
      throw err;
    }
  }

  /**
   * Replaces `stale` (the token Zalo rejected, or the one about to expire) unless someone already did.
   * Concurrent callers in this process share one refresh; other processes wait on the lock.
   */
  refresh(stale: string | null): Promise<string> {
    this.cached = null;
    this.inflight ??= this.refreshLocked(stale).finally(() => {
      this.inflight = null;
      this.cached = null;
    });
    return this.inflight;
  }

  private async refreshLocked(stale: string | null): Promise<string> {
    const { oaId, httpTimeoutMs } = this.zalo;
    // Waiters give up after twice the HTTP timeout: the holder is done by then or its connection is gone.
    const waitMs = 2 * httpTimeoutMs + 5000;
    return this.deps.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('lock_timeout', ${`${waitMs}ms`}, true)`.execute(tx);
      await sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${oaId}))`.execute(tx);
      const row = await tx
        .selectFrom("zalo_oa_tokens")
        .select(["access_token", "refresh_token", "access_expires_at", "updated_at"])
        .where("oa_id", "=", oaId)
        .executeTakeFirst();
      if (row && row.access_token !== stale && !needsRefresh(row)) return row.access_token;

      let refreshToken = row?.refresh_token;
      if (!refreshToken) {
        const seed = await this.seed();
        if ("accessToken" in seed) {
          await this.save(tx, seed);
          return seed.accessToken;
        }
        refreshToken = seed.refreshToken;
      }
      const pair = await this.callRefresh(refreshToken);
      // Zalo has consumed the old refresh token: the new pair must be stored before anything uses it.
      await this.save(tx, pair);
      return pair.accessToken;
    });
  }

  /** The first pair: from the environment, or (simulator only) straight from the simulator. */
  private async seed(): Promise<Pair | { refreshToken: string }> {
    const { oaRefreshToken, oaAccessToken, simulator, oauthUrl, httpTimeoutMs } = this.zalo;
    if (oaRefreshToken && oaAccessToken) {
      // Its real expiry is unknown: assume a short life so it is refreshed early.
      return { accessToken: oaAccessToken, refreshToken: oaRefreshToken, expiresAt: new Date(Date.now() + HOUR_MS) };
    }
    if (oaRefreshToken) return { refreshToken: oaRefreshToken };
    if (!simulator) throw new OaNotConnectedError();
    const issuedAt = Date.now();
    const body = await zaloFetch(`${oauthUrl}/_sim/oa/tokens`, { method: "POST" }, httpTimeoutMs, "sim/oa/tokens");
    return pairFrom(body, issuedAt, "sim/oa/tokens");
  }

  private async callRefresh(refreshToken: string): Promise<Pair> {
    const { oauthUrl, appId, appSecret, httpTimeoutMs } = this.zalo;
    const issuedAt = Date.now();
    const body = await zaloFetch(
      `${oauthUrl}/v4/oa/access_token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", secret_key: appSecret },
        body: new URLSearchParams({ refresh_token: refreshToken, app_id: appId, grant_type: "refresh_token" }).toString(),
      },
      httpTimeoutMs,
      "oauth/refresh",
    );
    return pairFrom(body, issuedAt, "oauth/refresh");
  }

  private async save(tx: AppDeps["db"], pair: Pair): Promise<void> {
    const now = new Date();
    await tx
      .insertInto("zalo_oa_tokens")
      .values({ oa_id: this.zalo.oaId, access_token: pair.accessToken, refresh_token: pair.refreshToken, access_expires_at: pair.expiresAt, updated_at: now })
      .onConflict((oc) =>
        oc.column("oa_id").doUpdateSet({ access_token: pair.accessToken, refresh_token: pair.refreshToken, access_expires_at: pair.expiresAt, updated_at: now }),
      )
      .execute();
  }
}
