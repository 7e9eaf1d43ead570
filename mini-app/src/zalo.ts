import { getAccessToken, getPhoneNumber, getUserInfo } from "zmp-sdk";

/** zmp-sdk rejects with plain objects `{code, message, api}`, not Error instances. */
export function sdkErrorCode(err: unknown): number | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : null;
}

const THROTTLED = -1409;
/** Every call rejects with this outside Zalo on a host that is not "localhost". */
const NOT_IN_ZALO = -2000;
/** The woman said no to a permission prompt. */
const DENIED = [-1401, -201];

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
        if (sdkErrorCode(err) !== THROTTLED || attempt >= 3) throw err;
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
      if (sdkErrorCode(err) === NOT_IN_ZALO) return "";
      throw err;
    }
  });
}

/** idByOA links the member to her OA conversations; without it login still works. */
export async function zaloIdByOA(): Promise<string | undefined> {
  try {
    const { userInfo } = await identityCall(() => getUserInfo({}));
    const id = userInfo?.idByOA;
    return typeof id === "string" && /^[0-9]+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
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
    if (code === NOT_IN_ZALO) return { problem: "not-in-zalo" };
    if (code !== null && DENIED.includes(code)) return { problem: "denied" };
    throw err;
  }
}
