import { setAuthToken } from "./api/http.js";
import { meApi } from "./api/me.js";
import { currentSession, setMe } from "./state.js";
import { zaloAccessToken, zaloAskUserInfo } from "./zalo.js";

/** The server's name for a member whose Zalo name it may not read (she has not allowed scope.userInfo). */
export const UNNAMED_MEMBER = "Hội viên";
const LATER_KEY = "hoiso.nameConsent";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Whether to ask her (with our explanation first): inside Zalo, still unnamed, and she has not said "later". */
export function shouldAskForName(): boolean {
  const s = currentSession();
  return s.status === "ready" && !s.dev && s.me.name === UNNAMED_MEMBER && storage()?.getItem(LATER_KEY) !== "later";
}

export function askForNameLater(): void {
  storage()?.setItem(LATER_KEY, "later");
}

/**
 * Zalo's scope.userInfo prompt, then a fresh login so the server reads her name and avatar from Graph. When she
 * refuses, nothing else changes: the app works the same with "Hội viên".
 */
export async function shareZaloName(): Promise<"named" | "refused" | "unavailable"> {
  const consent = await zaloAskUserInfo();
  if (consent !== "granted") {
    if (consent === "refused") askForNameLater();
    return consent;
  }
  const accessToken = await zaloAccessToken();
  if (!accessToken) return "unavailable";
  const res = await meApi.loginZalo({ accessToken });
  setAuthToken(res.token);
  setMe(res.me);
  return res.me.name === UNNAMED_MEMBER ? "unavailable" : "named";
}
