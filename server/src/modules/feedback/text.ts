import type { MessageType } from "@hoiso/shared";
import type { SubmissionKind } from "./tables.js";

/**
 * Every message the pipeline writes into a timeline or a notification, as a type (shared/src/i18n/messages) and its
 * parameters; the words are chosen when a member reads or is sent it, in her language. A cán bộ's messages carry the
 * tracking code, category and unit names only: no author name, phone or Zalo id can slip into them, anonymous or not.
 */
export interface Msg {
  type: MessageType;
  params: Record<string, unknown>;
}

const msg = (type: MessageType, params: Record<string, unknown> = {}): Msg => ({ type, params });

export interface ItemRef {
  kind: SubmissionKind;
  trackingCode: string;
}

/** `code` is also what a template message shows as its reference (notify/send.ts). */
const ref = (s: ItemRef) => ({ kind: s.kind, code: s.trackingCode });

export const authorMsg = {
  forwarded: (s: ItemRef, unit: string) => msg("feedback.author.forwarded", { ...ref(s), unit }),
  acknowledged: (s: ItemRef, unit: string) => msg("feedback.author.acknowledged", { ...ref(s), unit }),
  replied: (s: ItemRef, unit: string, text: string) => msg("feedback.author.replied", { ...ref(s), unit, text }),
  forwardedExternal: (s: ItemRef, agency: string) => msg("feedback.author.forwardedExternal", { ...ref(s), agency }),
  rerouted: (s: ItemRef, unit: string) => msg("feedback.author.rerouted", { ...ref(s), unit }),
  escalated: (s: ItemRef, unit: string) => msg("feedback.author.escalated", { ...ref(s), unit }),
  resolved: (s: ItemRef, unit: string, text: string) => msg("feedback.author.resolved", { ...ref(s), unit, text }),
  followUpQuestion: (s: ItemRef) => msg("feedback.author.followUpQuestion", ref(s)),
  closed: (s: ItemRef) => msg("feedback.author.closed", ref(s)),
  reopened: (s: ItemRef, unit: string) => msg("feedback.author.reopened", { ...ref(s), unit }),
  petitionLifted: (s: ItemRef, count: number, unit: string) => msg("feedback.author.petitionLifted", { ...ref(s), count, unit }),
  petitionClosed: (s: ItemRef, count: number, reached: boolean) =>
    msg(reached ? "feedback.author.petitionReached" : "feedback.author.petitionNotReached", { ...ref(s), count }),
};

export const staffMsg = {
  /** A private category's name alone says too much on a phone's lock screen: its message names no category. */
  newAssignment: (s: ItemRef, category: { name: string; private: boolean }, unit: string, dueAt: Date) =>
    category.private
      ? msg("feedback.staff.newAssignmentPrivate", { ...ref(s), unit, dueAt: dueAt.toISOString() })
      : msg("feedback.staff.newAssignment", { ...ref(s), category: category.name, unit, dueAt: dueAt.toISOString() }),
  escalated: (s: ItemRef, fromUnit: string, unit: string, dueAt: Date) =>
    msg("feedback.staff.escalated", { ...ref(s), fromUnit, unit, dueAt: dueAt.toISOString() }),
  forwarded: (s: ItemRef, fromUnit: string, unit: string) => msg("feedback.staff.forwarded", { ...ref(s), fromUnit, unit }),
  rerouted: (s: ItemRef, fromUnit: string, unit: string) => msg("feedback.staff.rerouted", { ...ref(s), fromUnit, unit }),
  reopened: (s: ItemRef, unit: string) => msg("feedback.staff.reopened", { ...ref(s), unit }),
  petitionLifted: (s: ItemRef, count: number, unit: string) => msg("feedback.staff.petitionLifted", { ...ref(s), count, unit }),
};

/** Timeline entries (how the cán bộ reads them is in the catalogue's feedback.staffEvent, see timeline.ts). */
export const eventMsg = {
  received: () => msg("feedback.event.received"),
  routed: (unit: string) => msg("feedback.event.routed", { unit }),
  acknowledged: (unit: string) => msg("feedback.event.acknowledged", { unit }),
  replied: (text: string) => msg("feedback.event.replied", { text }),
  forwardedExternal: (fromUnit: string, agency: string) => msg("feedback.event.forwardedExternal", { fromUnit, agency }),
  forwarded: (fromUnit: string, unit: string) => msg("feedback.event.forwarded", { fromUnit, unit }),
  rerouted: (fromUnit: string, unit: string) => msg("feedback.event.rerouted", { fromUnit, unit }),
  handedBack: (fromUnit: string, unit: string) => msg("feedback.event.handedBack", { fromUnit, unit }),
  resolved: (text: string) => msg("feedback.event.resolved", { text }),
  followUpAsked: () => msg("feedback.event.followUpAsked"),
  closed: () => msg("feedback.event.closed"),
  reopened: (unit: string) => msg("feedback.event.reopened", { unit }),
  escalated: (fromUnit: string, unit: string) => msg("feedback.event.escalated", { fromUnit, unit }),
  overdue: () => msg("feedback.event.overdue"),
  petitionLifted: (count: number, unit: string) => msg("feedback.event.petitionLifted", { count, unit }),
  petitionClosed: (count: number, reached: boolean) => msg(reached ? "feedback.event.petitionReached" : "feedback.event.petitionNotReached", { count }),
  unitMerged: (fromUnit: string, unit: string) => msg("feedback.event.unitMerged", { fromUnit, unit }),
};
