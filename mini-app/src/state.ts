import { useSyncExternalStore } from "react";
import type { Me, SessionResponse } from "@hoiso/shared";
import { ApiError, errorMessage, onSessionExpired, setAuthToken } from "./api/http.js";
import { meApi } from "./api/me.js";
import { queryClient } from "./api/queryClient.js";
import { applyLanguage } from "./i18n/index.js";
import { zaloAccessToken, zaloIdByOA } from "./zalo.js";

export type Session =
  | { status: "starting" }
  /** Outside Zalo: the tester picks a demo account (POST /api/auth/dev). */
  | { status: "dev-login"; error?: string }
  | { status: "ready"; me: Me; dev: boolean }
  | { status: "error"; message: string };

/** Only development sessions are kept across reloads; inside Zalo the app logs in with Zalo on every start. */
const DEV_TOKEN_KEY = "hoiso.devToken";

let state: Session = { status: "starting" };
const listeners = new Set<() => void>();

function set(next: Session): void {
  state = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The current session outside React (tests, event handlers). */
export function currentSession(): Session {
  return state;
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => state);
}

/** For pages rendered only once the session is ready. */
export function useMe(): Me {
  const s = useSession();
  if (s.status !== "ready") throw new Error("useMe() outside a ready session");
  return s.me;
}

export const hasOfficerRole = (me: Me) => me.roles.some((r) => r.role === "can_bo" || r.role === "admin");

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Ready once her language's strings are there: the first screen she sees is already in the language she chose
 * (Vietnamese until she does; a catalogue that cannot be fetched leaves that screen in Vietnamese).
 */
async function ready(me: Me, dev: boolean): Promise<void> {
  await applyLanguage(me.language).catch(() => undefined);
  set({ status: "ready", me, dev });
}

async function enter(res: SessionResponse, dev: boolean): Promise<void> {
  // Whatever was cached belonged to the session before (another member, on a tester's phone).
  queryClient.clear();
  setAuthToken(res.token);
  if (dev) storage()?.setItem(DEV_TOKEN_KEY, res.token);
  await ready(res.me, dev);
}

async function boot(): Promise<void> {
  set({ status: "starting" });
  try {
    const accessToken = await zaloAccessToken();
    if (accessToken) {
      const idByOA = await zaloIdByOA();
      await enter(await meApi.loginZalo({ accessToken, ...(idByOA ? { idByOA } : {}) }), false);
      return;
    }
    const saved = storage()?.getItem(DEV_TOKEN_KEY);
    if (saved) {
      setAuthToken(saved);
      try {
        await ready(await meApi.me(), true);
        return;
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 401)) throw err;
        storage()?.removeItem(DEV_TOKEN_KEY);
        setAuthToken(null);
      }
    }
    queryClient.clear();
    await applyLanguage("vi").catch(() => undefined);
    set({ status: "dev-login" });
  } catch (err) {
    set({ status: "error", message: errorMessage(err) });
  }
}

let starting: Promise<void> | null = null;

/** Idempotent while in flight: StrictMode runs effects twice, and every extra start costs Zalo identity calls. */
export function startSession(): Promise<void> {
  starting ??= boot().finally(() => {
    starting = null;
  });
  return starting;
}

onSessionExpired(() => {
  storage()?.removeItem(DEV_TOKEN_KEY);
  setAuthToken(null);
  void startSession();
});

export async function devLogin(name: string, zaloId?: string): Promise<void> {
  try {
    await enter(await meApi.loginDev({ name, ...(zaloId ? { zaloId } : {}) }), true);
  } catch (err) {
    set({ status: "dev-login", error: errorMessage(err) });
  }
}

/** Her member record changed (phone, unit, language…): every screen follows, in her language. */
export function setMe(me: Me): void {
  if (state.status !== "ready") return;
  set({ ...state, me });
  void applyLanguage(me.language).catch(() => undefined);
}

export async function refreshMe(): Promise<void> {
  setMe(await meApi.me());
}

export async function logout(): Promise<void> {
  await meApi.logout().catch(() => undefined);
  storage()?.removeItem(DEV_TOKEN_KEY);
  setAuthToken(null);
  queryClient.clear();
  // Before login the app speaks Vietnamese.
  await applyLanguage("vi").catch(() => undefined);
  set({ status: "dev-login" });
}
