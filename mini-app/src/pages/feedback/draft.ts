import type { Category, SubmissionKind } from "@hoiso/shared";

/**
 * Her unsent form, kept on the phone so a weak signal or a closed app does not lose what she wrote (issue 13). Never
 * for anything sensitive — a private category, an item she marked sensitive, or anything she wants anonymous: the
 * phone may be read by the very person she is writing about (the safety conventions: nothing sensitive in storage).
 * The draft is removed the moment the form becomes sensitive, and when it is sent.
 */
export interface Draft {
  kind: SubmissionKind | null;
  category: Category | null;
  body: string;
  unit: { id: string; name: string } | null;
}

const KEY = "hoiso.feedback.draft.v1";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadDraft(): Draft | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    // a category that has since become private is not restored into the form either
    if (d.category?.private) {
      clearDraft();
      return null;
    }
    return d;
  } catch {
    return null;
  }
}

export function saveDraft(d: Draft, sensitive: boolean): void {
  if (sensitive || d.category?.private || (!d.body.trim() && !d.kind && !d.category)) {
    clearDraft();
    return;
  }
  try {
    storage()?.setItem(KEY, JSON.stringify(d));
  } catch {
    // storage full or refused: the form still works, only without a saved draft
  }
}

export function clearDraft(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}
