import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An establishment, a provincial centre or department, a commune committee or the ministry's department. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** establishment | provincial_centre | provincial_department | commune_committee | ministry_department */
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) name: string;
  /** enterprise | cooperative | household_business (establishments only). */
  @Column({ name: 'legal_form', type: 'text', nullable: true }) legalForm: string | null;
  @Column({ name: 'registration_number', type: 'text', nullable: true }) registrationNumber: string | null;
  @Column({ name: 'tax_code', type: 'text', nullable: true }) taxCode: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode: string | null;
  @Column({ name: 'province_code', type: 'text', nullable: true }) provinceCode: string | null;
  /** Set by an officer once the registration documents were checked. */
  @Column({ type: 'boolean', default: false }) verified: boolean;
  /** Priority criteria of support rules (difficult area, women-led, ...), as flags. */
  @Column({ name: 'priority_flags', type: 'jsonb', default: () => "'{}'::jsonb" }) priorityFlags: Record<string, boolean>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
