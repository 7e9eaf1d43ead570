import { UNIT_LEVELS, type UnitLevelName } from "./units.js";

/** What the routing needs to know about a unit on the origin's chain. */
export interface RoutingUnit {
  id: string;
  level: UnitLevelName;
}

export interface RoutingCategory {
  code: string;
  handlingLevel: UnitLevelName;
  slaHours: number;
  private: boolean;
}

export interface RoutingRule {
  id: string;
  categoryCode: string;
  /** null: applies everywhere; otherwise to submissions from this unit's subtree. */
  originUnitId: string | null;
  targetLevel: UnitLevelName;
  slaHours: number | null;
  escalationLevels: UnitLevelName[];
  active: boolean;
}

export interface RoutingDecision {
  unitId: string;
  slaHours: number;
  escalationLevels: UnitLevelName[];
  /** The rule that decided, or null when the category's defaults did. */
  ruleId: string | null;
}

/** tinh = 0 … to = 3: a smaller rank is higher up the tree. */
export const levelRank = (level: UnitLevelName): number => UNIT_LEVELS.indexOf(level);

/**
 * The unit responsible for a submission.
 * `chain` is the origin's ancestry from the province down to the origin itself.
 * The most specific active rule wins (the one whose origin unit is deepest in the chain), then the category's defaults.
 * The responsible unit is the deepest unit of the chain at or above the target level: the origin's ancestor at that
 * level, or the origin itself when it already sits above it. A sensitive item is never handled below the xã: a chi hội
 * is the woman's own neighbours.
 */
export function evaluateRouting(
  category: RoutingCategory,
  rules: readonly RoutingRule[],
  chain: readonly RoutingUnit[],
  sensitive: boolean,
): RoutingDecision {
  if (chain.length === 0) throw new Error("routing needs the origin's unit chain");
  let best: { rule: RoutingRule; depth: number } | null = null;
  for (const rule of rules) {
    if (!rule.active || rule.categoryCode !== category.code) continue;
    const depth = rule.originUnitId === null ? -1 : chain.findIndex((u) => u.id === rule.originUnitId);
    if (rule.originUnitId !== null && depth < 0) continue;
    if (!best || depth > best.depth) best = { rule, depth };
  }
  let target = best?.rule.targetLevel ?? category.handlingLevel;
  if ((sensitive || category.private) && levelRank(target) > levelRank("xa")) target = "xa";
  const unit = unitAtOrAbove(chain, target);
  return {
    unitId: unit.id,
    slaHours: best?.rule.slaHours ?? category.slaHours,
    escalationLevels: best?.rule.escalationLevels ?? [],
    ruleId: best?.rule.id ?? null,
  };
}

/** The deepest unit of `chain` whose level is `level` or higher; the chain's top when none is. */
export function unitAtOrAbove<U extends RoutingUnit>(chain: readonly U[], level: UnitLevelName): U {
  for (let i = chain.length - 1; i >= 0; i--) {
    const u = chain[i] as U;
    if (levelRank(u.level) <= levelRank(level)) return u;
  }
  return chain[0] as U;
}

/**
 * Where an overdue assignment escalates to. `chain` is the assigned unit's ancestry, province first, the unit last.
 * With escalation levels: the nearest ancestor at the next listed level above the unit; without: the parent.
 * null at the top: the province has nobody above it.
 */
export function nextEscalation<U extends RoutingUnit>(chain: readonly U[], escalationLevels: readonly UnitLevelName[]): U | null {
  const current = chain[chain.length - 1];
  if (!current || chain.length < 2) return null;
  const parent = chain[chain.length - 2] as U;
  const above = escalationLevels.filter((l) => levelRank(l) < levelRank(current.level)).sort((a, b) => levelRank(b) - levelRank(a));
  const level = above[0];
  if (level === undefined) return parent;
  return unitAtOrAbove(chain.slice(0, -1), level);
}
