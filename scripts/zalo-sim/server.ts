import http from "node:http";
import type { AddressInfo } from "node:net";
import { control } from "./control.js";
import { graphMe, graphMeInfo } from "./graph.js";
import type { SimHandler, SimReply, SimRequest } from "./http.js";
import { oaMessageCs, templateMessage } from "./oa.js";
import { oaAccessToken } from "./oauth.js";
import { CS_WINDOW_HOURS, SimState, type Failure, type OaTokenPair, type RecordedRequest, type SentMessage, type SimulatorOptions } from "./state.js";
import { signWebhook, textEvent, type SignedWebhook, type WebhookEvent } from "./webhook.js";

export type { Failure, OaTokenPair, RecordedRequest, SentMessage, SimulatorOptions, SignedWebhook, WebhookEvent };

/** The Zalo endpoints the simulator speaks (paths as on graph/openapi/oauth/business hosts). */
const ROUTES: Record<string, SimHandler> = {
  "GET /v2.0/me": graphMe,
  "GET /v2.0/me/info": graphMeInfo,
  "POST /v4/oa/access_token": oaAccessToken,
  "POST /v3.0/oa/message/cs": oaMessageCs,
  "POST /message/template": templateMessage,
};

const MAX_RECORDED = 20_000;

export interface ZaloSimulator {
  url: string;
  close(): Promise<void>;
  /** `sharesUserInfo: false`: she has not allowed scope.userInfo, so Graph answers her id only. */
  createUser(input: { name: string; id?: string; oaUserId?: string; phone?: string; sharesUserInfo?: boolean }): { id: string; oaUserId: string; accessToken: string; phone: string };
  /** She answers the scope.userInfo prompt (authorize) with yes or no. */
  setUserInfoConsent(userId: string, on: boolean): void;
  /** A fresh Mini App access token for an existing user. */
  userToken(userId: string): string;
  expireAccessToken(token: string): void;
  phoneToken(userId: string): string;
  locationToken(userId: string, latitude: number, longitude: number): string;
  interact(oaUserId: string, at?: Date): void;
  setFollowing(oaUserId: string, following: boolean): void;
  /** The initial OA token pair (what the OA authorization flow would hand the admin). */
  issueOaTokens(): OaTokenPair;
  /** Everything received, oldest first (control calls under /_sim/ included). */
  readonly requests: RecordedRequest[];
  sentMessages(): SentMessage[];
  /** The next request to `path` answers this Zalo error code (HTTP 200), or has its connection cut ("drop"). */
  failNext(path: string, error: Failure): void;
  /** Every request to `path` waits this long before being handled (0 removes it). */
  setDelay(path: string, ms: number): void;
  /** OA sends accepted per second before -32 (0: no limit). */
  setRate(perSec: number): void;
  /** Messages accepted since the start or the last reset, by kind (sentMessages() keeps only the latest 20,000). */
  sentCount(): { cs: number; template: number };
  /** Night mode: every OA send answers -234 until turned off. */
  setNight(on: boolean): void;
  /** Whether Graph /v2.0/me answers user_id_by_oa (Zalo does for a Mini App verified by / linked to the OA). */
  setGraphReturnsOaId(on: boolean): void;
  signedWebhook(event: WebhookEvent): SignedWebhook;
  textEvent(oaUserId: string, text: string, msgId?: string): WebhookEvent;
  reset(): void;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

async function handle(state: SimState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sim");
  const raw = await readBody(req);
  const headers = flatHeaders(req.headers);
  const method = req.method ?? "GET";
  // A long-running dev simulator must not grow without bound; tests never get near this.
  if (state.requests.length >= MAX_RECORDED) state.requests.splice(0, MAX_RECORDED / 10);
  state.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: raw.toString("utf8"), at: new Date() });
  const simReq: SimRequest = { method, path: url.pathname, query: url.searchParams, headers, raw, state };

  let reply: SimReply;
  if (url.pathname.startsWith("/_sim/")) {
    reply = await control(simReq);
  } else {
    const delay = state.delays.get(url.pathname);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const failure = state.takeFailure(url.pathname);
    const handler = ROUTES[`${method} ${url.pathname}`];
    if (failure === "drop") {
      req.socket.destroy();
      return;
    }
    if (failure !== undefined) reply = { body: { error: failure, message: "Simulated failure" } };
    else if (handler) reply = await handler(simReq);
    else reply = { status: 404, body: { error: 404, message: `Unknown endpoint ${method} ${url.pathname}` } };
  }
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

/** Starts a Zalo stand-in on a real port; see ../shared/ZALO.md for the shapes it follows. */
export async function startZaloSimulator(opts: SimulatorOptions): Promise<ZaloSimulator> {
  const state = new SimState({
    port: opts.port,
    host: opts.host ?? "127.0.0.1",
    appId: opts.appId,
    appSecret: opts.appSecret,
    oaId: opts.oaId,
    oaSecret: opts.oaSecret,
    csWindowHours: opts.csWindowHours ?? CS_WINDOW_HOURS,
    graphReturnsOaId: opts.graphReturnsOaId ?? false,
    ratePerSec: opts.ratePerSec ?? 20,
    userTokenTtlSec: opts.userTokenTtlSec ?? 3600,
    oaTokenTtlSec: opts.oaTokenTtlSec ?? 90_000,
  });
  const server = http.createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: -1, message: `simulator bug: ${(err as Error).message}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, state.opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = state.opts.host.includes(":") ? `[${state.opts.host}]` : state.opts.host;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    createUser: (input) => {
      const u = state.createUser(input);
      return { id: u.id, oaUserId: u.oaUserId, accessToken: u.accessToken, phone: u.phone };
    },
    userToken: (userId) => state.issueUserToken(userId),
    setUserInfoConsent: (userId, on) => {
      const u = state.usersById.get(userId);
      if (!u) throw new Error(`zalo-sim: unknown user ${userId}`);
      u.sharesUserInfo = on;
    },
    expireAccessToken: (token) => state.expireAccessToken(token),
    phoneToken: (userId) => state.phoneToken(userId),
    locationToken: (userId, latitude, longitude) => state.locationToken(userId, latitude, longitude),
    interact: (oaUserId, at) => state.interact(oaUserId, at),
    setFollowing: (oaUserId, following) => state.setFollowing(oaUserId, following),
    issueOaTokens: () => state.issueOaTokens(),
    requests: state.requests,
    sentMessages: () => [...state.messages],
    failNext: (path, error) => state.failNext(path, error),
    setDelay: (path, ms) => {
      if (ms > 0) state.delays.set(path, ms);
      else state.delays.delete(path);
    },
    setRate: (perSec) => {
      state.opts.ratePerSec = perSec;
    },
    sentCount: () => ({ ...state.sentCount }),
    setNight: (on) => {
      state.night = on;
    },
    setGraphReturnsOaId: (on) => {
      state.graphReturnsOaId = on;
    },
    signedWebhook: (event) => signWebhook(state, event),
    textEvent: (oaUserId, text, msgId) => textEvent(state, oaUserId, text, msgId),
    reset: () => state.reset(),
  };
}
