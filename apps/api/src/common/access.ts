import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

/** The roles of DESIGN.md §2; every grant pairs one with a scope. */
export const ROLES = [
  'applicant',
  'commune_officer',
  'provincial_officer',
  'judge',
  'council_member',
  'council_chair',
  'central_officer',
  'signer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_METADATA = 'khuyencong:access';

/** Anyone, without signing in (health, login, certificate verification). */
/** The rule, also written into the OpenAPI document as `x-access` so tools (the access matrix) can read it. */
const declare = (rule: AccessRule) => applyDecorators(SetMetadata(ACCESS_METADATA, rule), ApiExtension('x-access', rule));

export const Public = () => declare({ kind: 'public' });

// The 401/403 responses of a rule are added to the document by common/openapi-contract.ts, from `x-access`.

/** Any signed-in user; the service still filters by the user's scopes. */
export const Authenticated = () => applyDecorators(declare({ kind: 'authenticated' }), ApiBearerAuth());

/**
 * Users holding at least one of these roles (in any scope); the service checks the scope of the record. The
 * guard hands the service only the grants of these roles (a grant's scope counts only for its own role).
 */
export const Roles = (...roles: Role[]) => applyDecorators(declare({ kind: 'roles', roles }), ApiBearerAuth());
