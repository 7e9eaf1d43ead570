import { Type, type Static, type TSchema } from "@sinclair/typebox";

export const Uuid = Type.String({ format: "uuid", description: "UUID" });
export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;

export const Ok = Type.Object({ ok: Type.Literal(true) });
export type Ok = Static<typeof Ok>;

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** ISO-8601 timestamp as sent over the wire. */
export const Timestamp = Type.String({ format: "date-time" });
