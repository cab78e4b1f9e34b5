import { type EntityManager } from 'typeorm';
import { type EstablishmentView } from './dto.js';

/** The contest region of a unit: its most recent membership (old provinces keep the region they had). */
export const REGION_OF_PROVINCE_SQL = `(SELECT m.region_code FROM region_memberships m WHERE m.unit_code = o.province_code ORDER BY m.valid_from DESC LIMIT 1)`;

/** An establishment (alias `o`) with its region and the names of its province and commune. */
export const ESTABLISHMENT_SELECT = `SELECT o.id, o.name, o.legal_form, o.registration_number, o.tax_code, o.commune_code, o.province_code,
                       ${REGION_OF_PROVINCE_SQL} AS region_code, o.priority_flags, o.verified, o.verified_at, o.created_at,
                       (SELECT u.name FROM administrative_units u WHERE u.code = o.province_code) AS province_name,
                       (SELECT u.name FROM administrative_units u WHERE u.code = o.commune_code) AS commune_name
                  FROM organisations o`;

export interface EstablishmentRow {
  id: string;
  name: string;
  legal_form: string | null;
  registration_number: string | null;
  tax_code: string | null;
  commune_code: string | null;
  province_code: string | null;
  region_code: string | null;
  priority_flags: Record<string, boolean>;
  verified: boolean;
  verified_at: Date | null;
  created_at: Date;
  province_name: string | null;
  commune_name: string | null;
}

export const establishmentView = (row: EstablishmentRow): EstablishmentView => ({
  id: row.id,
  name: row.name,
  legalForm: row.legal_form,
  registrationNumber: row.registration_number,
  taxCode: row.tax_code,
  communeCode: row.commune_code,
  communeName: row.commune_name,
  provinceCode: row.province_code,
  provinceName: row.province_name,
  regionCode: row.region_code,
  priorityFlags: row.priority_flags,
  verified: row.verified,
  verifiedAt: row.verified_at?.toISOString() ?? null,
  registeredAt: row.created_at.toISOString(),
});

/** One establishment as the API shows it, or undefined. */
export async function loadEstablishment(manager: EntityManager, id: string): Promise<EstablishmentView | undefined> {
  const [row] = await manager.query<EstablishmentRow[]>(`${ESTABLISHMENT_SELECT} WHERE o.id = $1 AND o.type = 'establishment'`, [id]);
  return row ? establishmentView(row) : undefined;
}
