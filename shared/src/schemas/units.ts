import { Type, type Static } from "@sinclair/typebox";
import { Nullable, Timestamp, Uuid } from "./common.js";

export const UnitLevel = Type.Union([
  Type.Literal("tinh"),
  Type.Literal("xa"),
  Type.Literal("chi_hoi"),
  Type.Literal("to"),
]);

export const Unit = Type.Object(
  {
    id: Uuid,
    parentId: Nullable(Uuid),
    level: UnitLevel,
    code: Type.String(),
    name: Type.String(),
    kind: Nullable(Type.String({ description: "xã | phường for commune-level units" })),
    active: Type.Boolean(),
    mergedInto: Nullable(Uuid),
    formerNames: Type.Array(Type.String(), { description: "Names before mergers, searchable" }),
    childCount: Type.Integer({ description: "Active units directly under this one" }),
    parentName: Type.Optional(Nullable(Type.String({ description: "Shown beside search results to tell same-named units apart" }))),
  },
);
export type Unit = Static<typeof Unit>;

export const UnitListQuery = Type.Object({
  parentId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 100, description: "Search by name, also old commune names, diacritics optional" })),
  includeInactive: Type.Optional(Type.Boolean()),
});
export type UnitListQuery = Static<typeof UnitListQuery>;

export const UnitList = Type.Object({
  items: Type.Array(Unit),
  truncated: Type.Optional(Type.Boolean({ description: "More units matched than were returned; refine the search" })),
});
export type UnitList = Static<typeof UnitList>;

export const UnitDetail = Type.Object({
  unit: Unit,
  ancestors: Type.Array(Unit, { description: "From the province down to the parent" }),
});
export type UnitDetail = Static<typeof UnitDetail>;

export const CreateUnitBody = Type.Object({
  parentId: Uuid,
  name: Type.String({ minLength: 2, maxLength: 200 }),
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: "^[A-Za-z0-9._-]+$" })),
});
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const RenameUnitBody = Type.Object({ name: Type.String({ minLength: 2, maxLength: 200 }) });
export type RenameUnitBody = Static<typeof RenameUnitBody>;

export const MergeUnitBody = Type.Object({ intoId: Uuid });
export type MergeUnitBody = Static<typeof MergeUnitBody>;

export const MergeResult = Type.Object({
  unit: Unit,
  movedMembers: Type.Integer(),
  movedChildren: Type.Integer(),
  movedOpenWork: Type.Integer(),
});
export type MergeResult = Static<typeof MergeResult>;

export const UnitHistoryAction = Type.Union([
  Type.Literal("create"),
  Type.Literal("rename"),
  Type.Literal("deactivate"),
  Type.Literal("merge"),
  Type.Literal("absorb"),
]);

export const UnitHistoryEntry = Type.Object({
  id: Type.Integer(),
  action: UnitHistoryAction,
  oldName: Nullable(Type.String()),
  newName: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown(), { description: "merge: intoId/intoName; absorb: fromId/fromName; moved counts" }),
  at: Timestamp,
});
export type UnitHistoryEntry = Static<typeof UnitHistoryEntry>;

export const UnitHistory = Type.Object({ items: Type.Array(UnitHistoryEntry, { description: "Oldest first" }) });
export type UnitHistory = Static<typeof UnitHistory>;

/** Codes of the unit admin endpoints, beside the general ones in errors.ts; clients branch on them. */
export const UnitErrorCode = {
  /** Deactivation refused: active child units or members remain. */
  UNIT_NOT_EMPTY: "UNIT_NOT_EMPTY",
  /** The unit (or the merge target, or the parent) is already inactive or merged. */
  UNIT_INACTIVE: "UNIT_INACTIVE",
  UNIT_CODE_TAKEN: "UNIT_CODE_TAKEN",
  UNIT_NAME_TAKEN: "UNIT_NAME_TAKEN",
  /** A tổ cannot have children; merging across levels; merging a unit into itself. */
  UNIT_LEVEL_INVALID: "UNIT_LEVEL_INVALID",
} as const;
export type UnitErrorCode = (typeof UnitErrorCode)[keyof typeof UnitErrorCode];
