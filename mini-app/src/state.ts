import { useSyncExternalStore } from "react";
import type { Me, SessionResponse } from "@hoiso/shared";
import { api, ApiError, errorMessage, onSessionExpired, setAuthToken } from "./api.js";
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

function enter(res: SessionResponse, dev: boolean): void {
  setAuthToken(res.token);
  if (dev) storage()?.setItem(DEV_TOKEN_KEY, res.token);
  set({ status: "ready", me: res.me, dev });
}

async function boot(): Promise<void> {
  set({ status: "starting" });
  try {
    const accessToken = await zaloAccessToken();
    if (accessToken) {
      const idByOA = await zaloIdByOA();
      enter(await api.loginZalo({ accessToken, ...(idByOA ? { idByOA } : {}) }), false);
      return;
    }
    const saved = storage()?.getItem(DEV_TOKEN_KEY);
    if (saved) {
      setAuthToken(saved);
      try {
        set({ status: "ready", me: await api.me(), dev: true });
        return;
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 401)) throw err;
        storage()?.removeItem(DEV_TOKEN_KEY);
        setAuthToken(null);
      }
    }
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
    enter(await api.loginDev({ name, ...(zaloId ? { zaloId } : {}) }), true);
  } catch (err) {
    set({ status: "dev-login", error: errorMessage(err) });
  }
}

export function setMe(me: Me): void {
  if (state.status === "ready") set({ ...state, me });
}

export async function refreshMe(): Promise<void> {
  setMe(await api.me());
}

export async function logout(): Promise<void> {
  await api.logout().catch(() => undefined);
  storage()?.removeItem(DEV_TOKEN_KEY);
  setAuthToken(null);
  set({ status: "dev-login" });
}
