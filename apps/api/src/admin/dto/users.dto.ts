import { z } from 'zod';
import { Password } from '../../auth/dto.js';
import { ROLES } from '../../common/access.js';
import { safeText } from '../../common/zod.js';

const Locale = z.enum(['vi', 'en']);
const DisplayName = safeText(1, 200);

export const UserListQuery = z.object({
  search: z.string().trim().max(100).optional().describe('Part of the e-mail or display name, case-insensitive'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type UserListQuery = z.output<typeof UserListQuery>;

export const CreateUserRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: DisplayName,
  locale: Locale.default('vi'),
  password: Password,
});
export type CreateUserRequest = z.output<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({ displayName: DisplayName.optional(), locale: Locale.optional(), active: z.boolean().optional() })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'Cần ít nhất một trường / at least one field');
export type UpdateUserRequest = z.output<typeof UpdateUserRequest>;

export const ResetPasswordRequest = z.object({ password: Password });
export type ResetPasswordRequest = z.output<typeof ResetPasswordRequest>;

const ScopeType = z.enum(['establishment', 'commune', 'province', 'region', 'national']);

export const CreateGrantRequest = z
  .object({ role: z.enum(ROLES), scopeType: ScopeType, scopeId: z.string().trim().min(1).max(100).nullable().default(null) })
  .refine((grant) => (grant.scopeType === 'national') === (grant.scopeId === null), {
    message: 'Phạm vi quốc gia không có mã, các phạm vi khác bắt buộc có mã / national scope has no id, every other scope needs one',
    path: ['scopeId'],
  });
export type CreateGrantRequest = z.output<typeof CreateGrantRequest>;

export const AdminGrant = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  role: z.enum(ROLES),
  scopeType: ScopeType,
  scopeId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  grantedBy: z.string().uuid().nullable(),
});
export type AdminGrant = z.output<typeof AdminGrant>;

export const AdminUser = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: Locale,
  active: z.boolean(),
  failedLogins: z.number().int(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminUser = z.output<typeof AdminUser>;

export const AdminUserDetail = AdminUser.extend({ grants: z.array(AdminGrant) });
export type AdminUserDetail = z.output<typeof AdminUserDetail>;

export const AdminUserPage = z.object({ items: z.array(AdminUser), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AdminUserPage = z.output<typeof AdminUserPage>;
