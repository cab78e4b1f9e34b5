import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** A province, district or commune, valid over a date range (the 2025 reform ended some, created others). */
@Entity({ name: 'administrative_units' })
export class AdministrativeUnitEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  /** province | district | commune */
  @Column({ type: 'text' }) level: string;
  @Column({ name: 'parent_code', type: 'text', nullable: true }) parentCode: string | null;
  /** Calendar date, 'YYYY-MM-DD'. */
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  /** Last day the unit existed (inclusive); null while it still exists. */
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
}

/** An old unit merged into (or renamed as) a new one from a date; reports roll old figures up through these. */
@Entity({ name: 'unit_successions' })
export class UnitSuccessionEntity {
  @PrimaryColumn({ name: 'from_code', type: 'text' }) fromCode: string;
  @PrimaryColumn({ name: 'to_code', type: 'text' }) toCode: string;
  @PrimaryColumn({ name: 'effective_date', type: 'date' }) effectiveDate: string;
}

/** A contest region (North, Central–Highlands, South). */
@Entity({ name: 'regions' })
export class RegionEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
}

/** Which unit belongs to which region over which dates (admin-editable). */
@Entity({ name: 'region_memberships' })
export class RegionMembershipEntity {
  @PrimaryColumn({ name: 'region_code', type: 'text' }) regionCode: string;
  @PrimaryColumn({ name: 'unit_code', type: 'text' }) unitCode: string;
  @PrimaryColumn({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
}

@Entity({ name: 'funding_sources' })
export class FundingSourceEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  /** Who owns and settles the money (central budget or the province). */
  @Column({ type: 'text' }) owner: string;
}

/** A national programme period (e.g. 2021–2025); content groups belong to one programme. */
@Entity({ name: 'programmes' })
export class ProgrammeEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) basis: string;
  @Column({ name: 'period_start_year', type: 'integer' }) periodStartYear: number;
  @Column({ name: 'period_end_year', type: 'integer' }) periodEndYear: number;
}

@Entity({ name: 'content_groups' })
export class ContentGroupEntity {
  @PrimaryColumn({ name: 'programme_code', type: 'text' }) programmeCode: string;
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'integer' }) position: number;
}

/** A dated support cap for one activity, funding source and (optionally) province. */
@Entity({ name: 'support_rules' })
export class SupportRuleEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) basis: string;
  @Column({ name: 'funding_source_code', type: 'text' }) fundingSourceCode: string;
  /** Null: applies to every province. */
  @Column({ name: 'province_code', type: 'text', nullable: true }) provinceCode: string | null;
  @Column({ name: 'activity_code', type: 'text' }) activityCode: string;
  @Column({ name: 'activity_name', type: 'text' }) activityName: string;
  /** Percent of the eligible cost, numeric(5,2) returned by the driver as a string. */
  @Column({ name: 'max_percent', type: 'numeric', precision: 5, scale: 2, nullable: true }) maxPercent: string | null;
  /** VND. */
  @Column({ name: 'max_amount', type: 'bigint', nullable: true, transformer: bigintNumber }) maxAmount: number | null;
  /** The unit the cap applies per: model, establishment, enterprise. */
  @Column({ type: 'text', nullable: true }) per: string | null;
  /** Extra rule parameters, e.g. { technologyLineMultiplier: 1.5 }. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) conditions: Record<string, unknown>;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
}

@Entity({ name: 'criteria_sets' })
export class CriteriaSetEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) basis: string;
}

@Entity({ name: 'criteria_groups' })
export class CriteriaGroupEntity {
  @PrimaryColumn({ name: 'criteria_set_code', type: 'text' }) criteriaSetCode: string;
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'max_points', type: 'integer' }) maxPoints: number;
  @Column({ type: 'integer' }) position: number;
}

/** One of the four product groups of the typical-product contest. */
@Entity({ name: 'product_groups' })
export class ProductGroupEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'integer' }) position: number;
}

/** A working-day calendar: weekend days plus dated exceptions in calendar_days. */
@Entity({ name: 'calendars' })
export class CalendarEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  /** ISO weekdays that are not worked: 1 = Monday … 7 = Sunday. */
  @Column({ name: 'weekend_days', type: 'smallint', array: true }) weekendDays: number[];
}

/** A public holiday, or a weekend day worked to make up for a bridging holiday. */
@Entity({ name: 'calendar_days' })
export class CalendarDayEntity {
  @PrimaryColumn({ name: 'calendar_code', type: 'text' }) calendarCode: string;
  @PrimaryColumn({ type: 'date' }) date: string;
  /** holiday | makeup_workday */
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) name: string;
}
