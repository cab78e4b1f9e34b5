import type { MessageKey } from '../i18n/messages.js';
import { rolesOf, type SessionUser } from './session.js';

/** One entry of the side navigation, shown to the roles that work on it. */
export interface NavItem {
  path: string;
  label: MessageKey;
  roles: readonly string[] | 'all';
}

/** The navigation; screens join it as their API lands. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', roles: 'all' },
  { path: '/open-rounds', label: 'nav.openRounds', roles: 'all' },
  { path: '/catalogue', label: 'nav.catalogue', roles: 'all' },
  {
    path: '/entries',
    label: 'nav.entries',
    roles: ['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'judge', 'council_member', 'council_chair', 'signer', 'admin'],
  },
  { path: '/establishments', label: 'nav.establishments', roles: ['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'admin'] },
  { path: '/rounds', label: 'nav.rounds', roles: ['commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin'] },
  { path: '/certificates', label: 'nav.certificates', roles: 'all' },
  {
    path: '/schemes',
    label: 'nav.schemes',
    roles: ['applicant', 'provincial_officer', 'central_officer', 'council_member', 'council_chair', 'signer', 'admin'],
  },
  { path: '/schemes/new', label: 'nav.schemeNew', roles: ['provincial_officer'] },
  { path: '/schemes/local-plan', label: 'nav.localPlan', roles: ['signer'] },
  { path: '/plans', label: 'nav.plans', roles: ['provincial_officer', 'central_officer', 'signer', 'admin'] },
  { path: '/consulting', label: 'nav.consulting', roles: ['provincial_officer', 'central_officer', 'admin'] },
  { path: '/reports', label: 'nav.reports', roles: ['provincial_officer', 'central_officer', 'signer', 'admin'] },
  { path: '/admin/users', label: 'nav.admin.users', roles: ['admin'] },
  { path: '/admin/calendars', label: 'nav.admin.calendars', roles: ['admin'] },
  { path: '/admin/reference', label: 'nav.admin.reference', roles: ['admin'] },
  { path: '/health', label: 'nav.health', roles: ['admin'] },
];

/** The items a user sees: those of any role they hold. */
export function navFor(user: SessionUser | null | undefined): NavItem[] {
  const roles = rolesOf(user);
  return NAV_ITEMS.filter((item) => item.roles === 'all' || item.roles.some((role) => roles.has(role)));
}

/** Whether the user holds at least one of the roles. */
export function hasAnyRole(user: SessionUser | null | undefined, roles: readonly string[]): boolean {
  const held = rolesOf(user);
  return roles.some((role) => held.has(role));
}
