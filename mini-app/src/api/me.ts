import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { ChooseUnitBody, DevLoginBody, Me, OaLinkCode, OaLinkStatus, Ok, PhoneBody, SessionResponse, ZaloLoginBody } from "@hoiso/shared";
import type { Language } from "@hoiso/shared/domain";
import { request } from "./http.js";
import { STALE } from "./queryClient.js";

/**
 * Her session and her own record. Me itself lives in the session store (state.ts), which every change below updates
 * with the Me the server answers; only what is read apart from it is a query here.
 */
export const meKeys = {
  all: ["me"] as const,
  oaLink: () => ["me", "oa-link"] as const,
};

export const meApi = {
  loginZalo: (body: ZaloLoginBody) => request<SessionResponse>("POST", "/auth/zalo", { body }),
  loginDev: (body: DevLoginBody) => request<SessionResponse>("POST", "/auth/dev", { body }),
  logout: () => request<Ok>("POST", "/auth/logout"),
  me: () => request<Me>("GET", "/me"),
  savePhone: (body: PhoneBody) => request<Me>("POST", "/me/phone", { body }),
  chooseUnit: (body: ChooseUnitBody) => request<Me>("PUT", "/me/unit", { body }),
  chooseLanguage: (language: Language) => request<Me>("PUT", "/me/language", { body: { language } }),
  /** Whether her notifications can reach her in the OA chat. */
  oaLinkStatus: (signal?: AbortSignal) => request<OaLinkStatus>("GET", "/me/zalo-oa", { signal }),
  /** The code she sends to the Hội's OA to link it (her notifications can then reach her in Zalo). */
  oaLinkCode: () => request<OaLinkCode>("POST", "/me/zalo-oa/code"),
};

export const meQueries = {
  oaLink: () =>
    queryOptions({
      queryKey: meKeys.oaLink(),
      queryFn: ({ signal }) => meApi.oaLinkStatus(signal),
      staleTime: STALE.changing,
    }),
};

export const meMutations = {
  chooseLanguage: () => mutationOptions({ mutationFn: meApi.chooseLanguage }),
  chooseUnit: () => mutationOptions({ mutationFn: meApi.chooseUnit }),
  savePhone: () => mutationOptions({ mutationFn: meApi.savePhone }),
  oaLinkCode: () => mutationOptions({ mutationFn: meApi.oaLinkCode }),
};
