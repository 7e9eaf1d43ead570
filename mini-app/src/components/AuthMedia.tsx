import { useEffect, useState, type ReactElement } from "react";
import { api, errorMessage } from "../api.js";
import { useCommonT } from "../i18n/common/index.js";
import { VoicePlayer } from "./VoicePlayer.js";

type Load = { status: "loading" } | { status: "done"; url: string } | { status: "error"; message: string };

/** Photos and voice notes need the bearer token, which an <img src> cannot carry: fetch them, show a blob URL. */
function useMediaUrl(id: string): Load {
  const [res, setRes] = useState<Load>({ status: "loading" });
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    setRes({ status: "loading" });
    api
      .media(id)
      .then((blob) => {
        url = URL.createObjectURL(blob);
        if (live) setRes({ status: "done", url });
        else URL.revokeObjectURL(url);
      })
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);
  return res;
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
