import { useEffect, useState, type ReactElement } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import { errorMessage } from "../../api/http.js";
import { mediaMutations } from "../../api/media.js";
import { VoicePlayer } from "../../components/VoicePlayer.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";
import { isNetworkError } from "./PhotoPicker.js";
import { clock, extensionFor, useRecorder } from "./useRecorder.js";

export type Voice =
  | { status: "none" }
  | { status: "uploading" }
  | { status: "done"; mediaId: string }
  | { status: "error"; message: string }
  /** No connection to upload it: kept to upload when she sends, or with the item if it waits offline. */
  | { status: "local"; blob: Blob; name: string };

/**
 * For women who do not write easily: one big button to talk, a timer, listen back, record again. The recording is
 * uploaded as soon as she stops, so sending later is quick.
 */
export function VoiceNote({ voice, setVoice, error }: { voice: Voice; setVoice: (v: Voice) => void; error?: string }): ReactElement {
  const { state, start, stop, reset, maxSeconds } = useRecorder();
  const [attempt, setAttempt] = useState(0);
  const t = useFeedbackT();
  const uploadMedia = useMutation(mediaMutations.upload()).mutateAsync;

  useEffect(() => {
    if (state.status !== "recorded") return;
    let live = true;
    const name = `ghi-am.${extensionFor(state.blob.type)}`;
    // Known to be offline: not even tried, it waits with the form.
    if (navigator.onLine === false) {
      setVoice({ status: "local", blob: state.blob, name });
      return;
    }
    setVoice({ status: "uploading" });
    uploadMedia({ file: state.blob, name })
      .then((m) => live && setVoice({ status: "done", mediaId: m.id }))
      .catch((err) => live && setVoice(isNetworkError(err) ? { status: "local", blob: state.blob, name } : { status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
    // setVoice is stable in the parent (useCallback) and uploadMedia is the mutation's stable mutateAsync.
  }, [state, attempt, setVoice, uploadMedia]);

  function again() {
    reset();
    setVoice({ status: "none" });
  }

  const recording = state.status === "recording";
  return (
    <div className="hs-voice" data-testid="voice">
      <p className="hs-card-label">{t("voice.label")}</p>
      {state.status !== "recorded" && (
        <>
          <button
            type="button"
            className={`hs-mic${recording ? " hs-mic-on" : ""}`}
            aria-pressed={recording}
            disabled={state.status === "starting"}
            onClick={() => (recording ? stop() : void start())}
          >
            <svg width="36" height="36" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden="true">
              {recording ? <rect x="7" y="7" width="10" height="10" rx="1.5" /> : <path d="M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm-6-3a6 6 0 0 0 12 0m-6 6v3" />}
            </svg>
            <span>{recording ? t("voice.stop") : state.status === "starting" ? t("voice.opening") : t("voice.start")}</span>
          </button>
          {recording && (
            <p className="hs-voice-timer" role="timer" aria-live="off">
              <span className="hs-rec-dot" aria-hidden="true" /> {t("voice.recording", { elapsed: clock(state.seconds), max: clock(maxSeconds) })}
            </p>
          )}
          {state.status === "idle" && <p className="hs-muted hs-small">{t("voice.howTo")}</p>}
        </>
      )}
      {state.status === "recorded" && (
        <div className="hs-voice-done">
          <VoicePlayer src={state.url} label={t("voice.listen")} className="" />
          <p className="hs-muted hs-small">
            {state.stoppedAtLimit && `${t("voice.stoppedAtLimit")} `}
            {voice.status === "uploading" && t("voice.uploading")}
            {voice.status === "done" && t("voice.saved")}
            {voice.status === "local" && t("voice.waiting")}
          </p>
          {voice.status === "error" && (
            <>
              <FieldError text={voice.message} />
              <Button size="small" variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
                {t("voice.resend")}
              </Button>
            </>
          )}
          <Button variant="tertiary" fullWidth onClick={again}>
            {t("voice.again")}
          </Button>
        </div>
      )}
      {state.status === "error" && <FieldError text={state.message} />}
      <FieldError text={error} />
    </div>
  );
}
