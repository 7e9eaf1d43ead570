const ZAPPS_PREFIX = /^\/zapps\/([^/]+)/;
const ZMP_TEST_ENVS = ["TESTING_LOCAL", "TESTING", "DEVELOPMENT"];

/** zmp-ui's ZMPRouter uses basename /zapps/<window.APP_ID> in production builds (and with these ?env= values). */
function routerUsesZappsPrefix(search: string): boolean {
  return import.meta.env.PROD || ZMP_TEST_ENVS.includes(new URLSearchParams(search).get("env") ?? "");
}

/**
 * Makes the URL agree with ZMPRouter's basename before the router mounts.
 * Inside Zalo the page already lives under /zapps/<id>/ and APP_ID is set. Served by our own server at /,
 * the router would match nothing, so move the address under /zapps/<id>/ (the server answers there too).
 */
export function prepareBasePath(loc: Location = window.location, hist: History = window.history): void {
  const m = ZAPPS_PREFIX.exec(loc.pathname);
  if (m?.[1]) {
    if (!window.APP_ID) window.APP_ID = decodeURIComponent(m[1]);
    return;
  }
  if (!routerUsesZappsPrefix(loc.search)) return;
  if (!window.APP_ID) window.APP_ID = import.meta.env.VITE_ZALO_APP_ID || "hoiso";
  hist.replaceState(hist.state, "", `/zapps/${encodeURIComponent(window.APP_ID)}${loc.pathname}${loc.search}${loc.hash}`);
}
