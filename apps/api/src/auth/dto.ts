import { z } from 'zod';

export const LoginRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.output<typeof LoginRequest>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(20).max(200) });
export type RefreshRequest = z.output<typeof RefreshRequest>;

const GrantDto = z.object({
  role: z.string(),
  scopeType: z.enum(['establishment', 'commune', 'province', 'region', 'national']),
  scopeId: z.string().nullable(),
});

export const SessionResponse = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
  refreshToken: z.string(),
  user: z.object({ id: z.string().uuid(), email: z.string(), displayName: z.string(), locale: z.enum(['vi', 'en']), grants: z.array(GrantDto) }),
});
export type SessionResponse = z.output<typeof SessionResponse>;

export const MeResponse = z.object({
  id: z.string().uuid(),
  email: z.string(),
  grants: z.array(
    GrantDto.extend({
      scopeName: z
        .string()
        .nullable()
        .describe(
          'The name of the scope unit (province or commune from the administrative units, region, establishment); null for national or an unknown unit',
        ),
    }),
  ),
});
export type MeResponse = z.output<typeof MeResponse>;

/** Password policy: 10+ characters with a letter and a digit (NIST-style length over complexity). */
export const Password = z
  .string()
  .min(10, 'Mật khẩu cần ít nhất 10 ký tự / at least 10 characters')
  .max(200)
  .regex(/[A-Za-zÀ-ỹ]/, 'Mật khẩu cần có chữ cái / needs a letter')
  .regex(/\d/, 'Mật khẩu cần có chữ số / needs a digit');
