import type { AppDeps } from "../../deps.js";
import { saveMedia } from "../media/service.js";
import { inspect, sniff } from "../media/sniff.js";
import { HARD_LIMIT, limitFor } from "../media/upload.js";

/**
 * A photo or voice message she sent in the chat, fetched from Zalo's URL and stored through the media module's own
 * checks (type sniffed from the bytes, size limits, metadata stripped, her quota), owned by her member record so the
 * feedback intake accepts it as hers. Null when it cannot be used (too large, not an image or audio, unreachable).
 */
export async function saveChatMedia(deps: AppDeps, memberId: string, url: string): Promise<{ id: string; kind: "image" | "audio" } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(deps.config.zalo.httpTimeoutMs) });
    if (!res.ok) return null;
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > HARD_LIMIT) return null;
    const buf = Buffer.from(await res.arrayBuffer());
    const format = sniff(buf);
    if (!format || buf.length > limitFor(format)) return null;
    const inspected = inspect(format, buf);
    // her own items take photos and voice only (a PDF is the cán bộ's proof, not hers to attach)
    if (inspected.kind === "document") return null;
    const saved = await saveMedia(deps, memberId, inspected);
    if (saved.kind === "document") return null;
    return { id: saved.id, kind: saved.kind };
  } catch {
    return null;
  }
}
