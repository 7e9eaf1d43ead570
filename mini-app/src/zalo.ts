import { authorize, chooseImage, getAccessToken, getLocation, getPhoneNumber, getSetting, getUserInfo, openChat } from "zmp-sdk";

/** zmp-sdk rejects with plain objects `{code, message, api}`, not Error instances. */
export function sdkErrorCode(err: unknown): number | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : null;
}

/**
 * zmp-sdk's own RESPONSE_CODE values (zmp-sdk/apis/constants.js, not exported from the package's entry point);
 * tests/mini-app/session.test.ts checks them against the installed package.
 */
export const SDK_CODE = {
  /** Every call rejects with this outside Zalo on a host that is not "localhost"; inside Zalo, an unknown error. */
  UNKNOWN_ERROR: -2000,
  /** getUserInfo: she refused to share her name and avatar. */
  UNAUTHORIZED: -1401,
  /** Zalo rejects the 4th identity call within about a second. */
  FAIL_LIMIT: -1409,
  /** She said no to a permission prompt (getPhoneNumber maps Zalo's native -1/-10/-101 to this). */
  USER_DENIED: -2002,
  USER_CANCEL: -2003,
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let queue: Promise<unknown> = Promise.resolve();

/**
 * Identity calls one at a time: Zalo rejects the 4th within about a second (-1409), which StrictMode's double
 * effects or a quick second tap can reach. A throttled call waits the window out and tries again.
 */
function identityCall<T>(fn: () => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (sdkErrorCode(err) !== SDK_CODE.FAIL_LIMIT || attempt >= 3) throw err;
        await sleep(1200);
      }
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** The Zalo access token, or "" outside Zalo (the SDK's localhost mock, or any other browser). */
export function zaloAccessToken(): Promise<string> {
  return identityCall(async () => {
    try {
      return (await getAccessToken()) ?? "";
    } catch (err) {
      if (sdkErrorCode(err) === SDK_CODE.UNKNOWN_ERROR) return "";
      throw err;
    }
  });
}

/**
 * idByOA as the Mini App sees it. The server does not link on it (anyone could send anyone's); kept as a hint only.
 */
export async function zaloIdByOA(): Promise<string | undefined> {
  try {
    const { userInfo } = await identityCall(() => getUserInfo({}));
    const id = userInfo?.idByOA;
    return typeof id === "string" && /^[0-9]+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

export type UserInfoConsent = "granted" | "refused" | "unavailable";

/**
 * Since zmp-sdk 2.35 her access token carries only her id unless she allowed scope.userInfo; without it every member
 * is "Hội viên". Asks Zalo's prompt only when not already granted (the caller explains why first).
 */
export async function zaloAskUserInfo(): Promise<UserInfoConsent> {
  try {
    const { authSetting } = await getSetting({});
    if (authSetting?.["scope.userInfo"] === true) return "granted";
    const answer = await identityCall(() => authorize({ scopes: ["scope.userInfo"] }));
    return answer?.["scope.userInfo"] === true ? "granted" : "refused";
  } catch (err) {
    const code = sdkErrorCode(err);
    if (code === SDK_CODE.USER_DENIED || code === SDK_CODE.USER_CANCEL || code === SDK_CODE.UNAUTHORIZED) return "refused";
    return "unavailable";
  }
}

export type PhoneTokenResult = { token: string } | { problem: "not-in-zalo" | "denied" };

/** A single-use token (about two minutes) that only the server can turn into her number. */
export async function zaloPhoneToken(): Promise<PhoneTokenResult> {
  try {
    const res = await identityCall(() => getPhoneNumber({}));
    return res.token ? { token: res.token } : { problem: "not-in-zalo" };
  } catch (err) {
    const code = sdkErrorCode(err);
    if (code === SDK_CODE.USER_DENIED || code === SDK_CODE.USER_CANCEL) return { problem: "denied" };
    if (code === SDK_CODE.UNKNOWN_ERROR) return { problem: "not-in-zalo" };
    throw err;
  }
}

/** How long after she is back on the page a picker that has not answered counts as cancelled. */
export const PICKER_GRACE_MS = 2500;

/**
 * `p`, or "abandoned" when she came back to the page (window focus, page visible again, or the file input's own
 * `cancel` event) and `p` still had not settled a moment later. zmp-sdk's chooseImage outside the native picker is a
 * hidden file input whose promise never settles on cancel; without this a cancelled pick waits forever.
 */
export function settleOnReturn<T>(p: Promise<T>, target: EventTarget = window, graceMs = PICKER_GRACE_MS): Promise<T | "abandoned"> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const events = ["focus", "visibilitychange", "cancel"] as const;
    const done = () => {
      clearTimeout(timer);
      for (const e of events) target.removeEventListener(e, onBack, true);
    };
    const onBack = (ev: Event) => {
      if (ev.type === "visibilitychange" && typeof document !== "undefined" && document.visibilityState !== "visible") return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        done();
        resolve("abandoned");
      }, ev.type === "cancel" ? 0 : graceMs);
    };
    for (const e of events) target.addEventListener(e, onBack, true);
    p.then(
      (v) => {
        done();
        resolve(v);
      },
      (err: unknown) => {
        done();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- zmp-sdk rejects with plain {code, message} objects; callers read err.code
        reject(err);
      },
    );
  });
}

export type PickResult = { paths: string[] } | { cancelled: true } | { unavailable: true };

/**
 * Zalo's photo picker: the chosen paths; cancelled when she closed it or said no (including a picker that never
 * answers); unavailable for -2000 and other errors, so the caller falls back to a plain file input.
 */
export async function zaloChooseImages(count: number, target?: EventTarget): Promise<PickResult> {
  try {
    const res = await settleOnReturn(chooseImage({ count, sourceType: ["album", "camera"] }), target);
    if (res === "abandoned") return { cancelled: true };
    return { paths: res.filePaths ?? [] };
  } catch (err) {
    const code = sdkErrorCode(err);
    if (code === SDK_CODE.USER_CANCEL || code === SDK_CODE.USER_DENIED) return { cancelled: true };
    return { unavailable: true };
  }
}

/** Opens the OA chat with the text prefilled (she still taps send); false when Zalo cannot open it here. */
export async function zaloOpenOaChat(oaId: string, message: string): Promise<boolean> {
  try {
    await openChat({ type: "oa", id: oaId, message });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where she is, only because she asked to share it: Zalo shows its own consent prompt, and the single-use token (with
 * her access token) goes to the server, which exchanges it for that report only. null when she refuses, outside Zalo
 * (the SDK's mock answers an empty token), or on any error: the report goes without it.
 */
export async function zaloLocation(): Promise<{ token: string; accessToken: string } | null> {
  try {
    const { token } = await getLocation({});
    if (!token) return null;
    const accessToken = await zaloAccessToken();
    return accessToken ? { token, accessToken } : null;
  } catch {
    return null;
  }
}
