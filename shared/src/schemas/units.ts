import { Type, type Static } from "@sinclair/typebox";
import { Nullable, Uuid } from "./common.js";

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
    childCount: Type.Integer(),
  },
  { $id: "Unit" },
);
export type Unit = Static<typeof Unit>;

export const UnitListQuery = Type.Object({
  parentId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 100, description: "Search by name, also old commune names, diacritics optional" })),
  includeInactive: Type.Optional(Type.Boolean()),
});
export type UnitListQuery = Static<typeof UnitListQuery>;

export const UnitList = Type.Object({ items: Type.Array(Unit) });
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
