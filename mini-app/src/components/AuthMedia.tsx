import type { ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "../api/http.js";
import { mediaObjectUrl, mediaQueries } from "../api/media.js";
import { useCommonT } from "../i18n/common/index.js";
import { VoicePlayer } from "./VoicePlayer.js";

type Shown = { status: "loading" } | { status: "done"; url: string } | { status: "error"; message: string };

/**
 * Photos and voice notes need the bearer token, which an <img src> cannot carry: the bytes come through the query
 * cache (fetched once, kept a while after she leaves the screen), shown through their blob URL (api/media.ts).
 */
function useMediaUrl(id: string): Shown {
  const query = useQuery(mediaQueries.bytes(id));
  if (query.data) return { status: "done", url: mediaObjectUrl(query.data) };
  if (query.error) return { status: "error", message: errorMessage(query.error) };
  return { status: "loading" };
}

export function AuthImage({ id, alt }: { id: string; alt: string }): ReactElement {
  const res = useMediaUrl(id);
  const t = useCommonT();
  if (res.status === "done") {
    return (
      <a className="hs-thumb" href={res.url} target="_blank" rel="noreferrer" aria-label={t("media.openPhoto", { alt })}>
        <img src={res.url} alt={alt} />
      </a>
    );
  }
  return <div className="hs-thumb hs-thumb-empty">{res.status === "loading" ? t("media.loadingPhoto") : t("media.photoFailed")}</div>;
}

export function AuthAudio({ id }: { id: string }): ReactElement {
  const res = useMediaUrl(id);
  const t = useCommonT();
  if (res.status === "done") return <VoicePlayer src={res.url} label={t("media.authorVoice")} />;
  return <p className="hs-muted">{res.status === "loading" ? t("media.loadingVoice") : res.message}</p>;
}
