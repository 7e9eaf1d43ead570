import type { ReactElement } from "react";

/** The server's own Vietnamese message, right under the field it is about. */
export function FieldError({ text }: { text?: string | undefined }): ReactElement | null {
  if (!text) return null;
  return (
    <p className="hs-field-error" role="alert">
      {text}
    </p>
  );
}
