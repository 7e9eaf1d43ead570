import { Type, type Static } from "@sinclair/typebox";
import { DASHBOARD_INDICATORS } from "../domain/dashboard.js";
import { Nullable, Timestamp, Uuid } from "./common.js";

/**
 * Tổng hợp (issue 17): the action programme's figures for a unit and each of its child units, over a period, measured
 * from the app's own tables. Rows are the whole unit (`total`), each child unit (with its subtree) and, when anything is
 * attached to the unit itself, a "trực thuộc" row; the total row is counted once over the subtree, not summed.
 */
export const DashboardErrorCode = {
  /** from/to do not make a period (to before from, or longer than the limit). */
  DASHBOARD_PERIOD_INVALID: "DASHBOARD_PERIOD_INVALID",
  /** The women-count file could not be read. */
  DASHBOARD_IMPORT_UNREADABLE: "DASHBOARD_IMPORT_UNREADABLE",
} as const;
export type DashboardErrorCode = (typeof DashboardErrorCode)[keyof typeof DashboardErrorCode];

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "A day in Lào Cai time, YYYY-MM-DD" });

export const DashboardQuery = Type.Object({
  /** Her unit (the highest she holds a role at) when left out. */
  unitId: Type.Optional(Uuid),
  /** 1 January of this year when left out. */
  from: Type.Optional(Day),
  /** Today when left out; the day is included. */
  to: Type.Optional(Day),
});
export type DashboardQuery = Static<typeof DashboardQuery>;

const Int = Type.Integer({ minimum: 0 });
const Pct = Nullable(Type.Number());

export const DashboardIndicator = Type.Object({
  code: Type.Union(DASHBOARD_INDICATORS.map((c) => Type.Literal(c))),
  /** The resolution an indicator about studying is for. */
  articleId: Nullable(Uuid),
  value: Pct,
  target: Type.Number(),
  strict: Type.Boolean(),
  met: Nullable(Type.Boolean()),
});
export type DashboardIndicator = Static<typeof DashboardIndicator>;

export const DashboardRow = Type.Object({
  /** The unit of the row; for the "trực thuộc" row, the unit itself. */
  unitId: Uuid,
  name: Type.String(),
  level: Type.String(),
  kind: Type.Union([Type.Literal("total"), Type.Literal("child"), Type.Literal("direct")]),
  /** A child with child units of its own: the Mini App may drill into it. */
  hasChildren: Type.Boolean(),
  members: Type.Object({ registered: Int, confirmed: Int, women: Nullable(Int), rate: Pct, active30: Int }),
  studied: Type.Array(Type.Object({ articleId: Uuid, canBo: Int, canBoStudied: Int, canBoRate: Pct, members: Int, membersStudied: Int, membersRate: Pct })),
  it: Type.Object({ branches: Int, active: Int, rate: Pct }),
  contests: Type.Object({ participants: Int, rate: Pct }),
  feedback: Type.Object({
    received: Int,
    byChannel: Type.Object({ mini_app: Int, oa_chat: Int, on_behalf: Int }),
    resolved: Int,
    due: Int,
    onTime: Int,
    onTimeRate: Pct,
    medianFirstAnswerHours: Pct,
    escalations: Int,
    ratings: Type.Object({ hai_long: Int, binh_thuong: Int, chua_hai_long: Int }),
    petitionsLifted: Int,
    urgent: Int,
    medianFirstContactMinutes: Pct,
    communes: Int,
    communesWithTrusted: Int,
  }),
  announcements: Type.Object({ sent: Int, recipients: Int, delivered: Int, readers: Int, readRate: Pct }),
  /** Every figure that has a target, with whether it is met; what holds the unit back is `met === false`. */
  indicators: Type.Array(DashboardIndicator),
});
export type DashboardRow = Static<typeof DashboardRow>;

export const DashboardCategory = Type.Object({
  code: Type.String(),
  name: Type.String(),
  private: Type.Boolean(),
  received: Int,
  /** Left out (null) for a private category: only its count is shown. */
  resolved: Nullable(Int),
  onTime: Nullable(Int),
});

export const DashboardMonth = Type.Object({
  month: Type.String({ description: "YYYY-MM" }),
  confirmed: Int,
  membersRate: Pct,
  studied: Int,
  received: Int,
  resolved: Int,
  participants: Int,
  announcements: Int,
});
export type DashboardMonth = Static<typeof DashboardMonth>;

export const Dashboard = Type.Object({
  unit: Type.Object({ id: Uuid, name: Type.String(), level: Type.String(), parentId: Nullable(Uuid), parentInScope: Type.Boolean() }),
  from: Day,
  to: Day,
  madeAt: Timestamp,
  /**
   * When the summaries behind the figures were last refreshed (a queue job, every few minutes): "Số liệu cập nhật lúc …".
   * Null until the first refresh has run.
   */
  refreshedAt: Nullable(Timestamp),
  resolutions: Type.Array(Type.Object({ id: Uuid, title: Type.String() })),
  rows: Type.Array(DashboardRow),
  categories: Type.Array(DashboardCategory),
  trend: Type.Array(DashboardMonth),
});
export type Dashboard = Static<typeof Dashboard>;

export const WomenCountBody = Type.Object({ unitId: Uuid, year: Type.Integer({ minimum: 2000, maximum: 2100 }), women: Type.Integer({ minimum: 0, maximum: 10_000_000 }) });
export type WomenCountBody = Static<typeof WomenCountBody>;

export const WomenCountsQuery = Type.Object({
  /** Her highest unit as an admin when left out. */
  unitId: Type.Optional(Uuid),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
});
export type WomenCountsQuery = Static<typeof WomenCountsQuery>;

export const WomenCountUnit = Type.Object({
  unitId: Uuid,
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  /** What was entered for the unit itself that year; null when nothing was (the dashboard then adds up its child units). */
  women: Nullable(Int),
  updatedAt: Nullable(Timestamp),
  hasChildren: Type.Boolean(),
});
export type WomenCountUnit = Static<typeof WomenCountUnit>;

/** A unit and its active child units with the women counted in a year, for the admin who enters them. */
export const WomenCounts = Type.Object({
  unit: Type.Object({ id: Uuid, name: Type.String(), level: Type.String(), parentId: Nullable(Uuid), parentInScope: Type.Boolean() }),
  year: Type.Integer(),
  /** The unit itself first, then its child units by name. */
  rows: Type.Array(WomenCountUnit),
});
export type WomenCounts = Static<typeof WomenCounts>;

export const WomenImportBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  contentBase64: Type.String({ minLength: 1, maxLength: 3_000_000 }),
  skipBad: Type.Optional(Type.Boolean()),
});
export type WomenImportBody = Static<typeof WomenImportBody>;

export const WomenImportResult = Type.Object({
  imported: Type.Integer(),
  skipped: Type.Integer(),
  rejected: Type.Boolean(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })),
});
export type WomenImportResult = Static<typeof WomenImportResult>;
