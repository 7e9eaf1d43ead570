import { Type, type Static } from "@sinclair/typebox";

const Check = Type.Object({
  ok: Type.Boolean(),
  detail: Type.Optional(Type.String()),
});

export const Health = Type.Object({
  ok: Type.Boolean(),
  mode: Type.Union([Type.Literal("embedded"), Type.Literal("production")]),
  database: Check,
  queue: Type.Object({ ok: Type.Boolean(), backend: Type.String(), detail: Type.Optional(Type.String()) }),
  zalo: Type.Object({ ok: Type.Boolean(), configured: Type.Boolean(), simulator: Type.Boolean(), detail: Type.Optional(Type.String()) }),
});
export type Health = Static<typeof Health>;
