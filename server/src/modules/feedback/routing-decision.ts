import { evaluateRouting, type RoutingDecision, type RoutingUnit, type UnitLevelName } from "@hoiso/shared";

/** A category and its routing rules as the database holds them (columns, or json_agg of the rows). */
export interface CategoryRow {
  code: string;
  handling_level: UnitLevelName;
  sla_hours: number;
  private: boolean;
}

export interface RuleRow {
  id: string;
  category_code: string;
  origin_unit_id: string | null;
  target_level: UnitLevelName;
  sla_hours: number | null;
  escalation_levels: UnitLevelName[];
  active: boolean;
}

/** The one translation from stored rows to the pure routing rule, for the route job and the form's preview alike. */
export function decideRouting(category: CategoryRow, rules: readonly RuleRow[], chain: readonly RoutingUnit[], sensitive: boolean): RoutingDecision {
  return evaluateRouting(
    { code: category.code, handlingLevel: category.handling_level, slaHours: category.sla_hours, private: category.private },
    rules.map((r) => ({
      id: r.id,
      categoryCode: r.category_code,
      originUnitId: r.origin_unit_id,
      targetLevel: r.target_level,
      slaHours: r.sla_hours,
      escalationLevels: r.escalation_levels,
      active: r.active,
    })),
    chain,
    sensitive,
  );
}
