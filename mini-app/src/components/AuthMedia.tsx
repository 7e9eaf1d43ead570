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

/** A PDF the cán bộ attached as proof: opened from its blob URL (the bearer token cannot ride on a link either). */
export function AuthDocument({ id, label }: { id: string; label: string }): ReactElement {
  const res = useMediaUrl(id);
  if (res.status === "done") {
    return (
      <a className="hs-doc-link" href={res.url} target="_blank" rel="noreferrer" type="application/pdf" data-testid="proof-document">
        📄 {label}
      </a>
    );
  }
  return <p className="hs-muted">{res.status === "loading" ? "…" : res.message}</p>;
}

/** The photos and PDFs attached to a reply or a resolution (issue 13: answers with proof). */
export function ProofList({ proof, photoAlt, docLabel }: { proof: Array<{ id: string; kind: "image" | "document" }>; photoAlt: (n: number) => string; docLabel: (n: number) => string }): ReactElement | null {
  if (proof.length === 0) return null;
  const photos = proof.filter((p) => p.kind === "image");
  const docs = proof.filter((p) => p.kind === "document");
  return (
    <div className="hs-proof" data-testid="proof">
      {photos.length > 0 && (
        <div className="hs-thumbs">
          {photos.map((p, i) => (
            <AuthImage key={p.id} id={p.id} alt={photoAlt(i + 1)} />
          ))}
        </div>
      )}
      {docs.map((d, i) => (
        <AuthDocument key={d.id} id={d.id} label={docLabel(i + 1)} />
      ))}
    </div>
  );
}
