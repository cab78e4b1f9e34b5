// SQL shared by the selection stores (not exported from the package).

/** The contest region of an establishment's province (alias `o`): its most recent membership (old provinces keep the region they had). */
export const REGION_OF_PROVINCE_SQL = `(SELECT m.region_code FROM region_memberships m WHERE m.unit_code = o.province_code ORDER BY m.valid_from DESC LIMIT 1)`;
