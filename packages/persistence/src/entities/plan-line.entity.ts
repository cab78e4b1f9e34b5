import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** One line of a province's annual plan: the amount planned for a content group from a funding source (imported). */
@Entity({ name: 'annual_plan_lines' })
export class AnnualPlanLineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'province_code', type: 'text' }) provinceCode: string;
  @Column({ type: 'integer' }) year: number;
  /** The programme in force in the year, whose content group this is. */
  @Column({ name: 'programme_code', type: 'text' }) programmeCode: string;
  @Column({ name: 'content_group_code', type: 'text' }) contentGroupCode: string;
  @Column({ name: 'funding_source_code', type: 'text' }) fundingSourceCode: string;
  @Column({ name: 'planned_amount', type: 'bigint', transformer: bigintNumber }) plannedAmount: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
