import { type EntityManager } from 'typeorm';
import { UserStore, type UserEligibleArea, type UserEligiblePerson } from '@khuyencong/persistence';

/** The area a jury or council is chosen for: a grant on any of these units (or national) makes its holder eligible. */
export type EligibleArea = UserEligibleArea;

/** A person who may be named, with the unit their grant is on, by name. */
export type EligiblePerson = UserEligiblePerson;

const users = new UserStore();

/**
 * Active users holding `role` on a grant in force that covers the area — national grants cover everything, a
 * commune or province grant covers the units it succeeded too, a region grant its region — searched by name or
 * e-mail without accents, by name, at most 50. Each person once, with their most local grant's unit. Shared by
 * the round's jury and council pickers and the scheme's acceptance council picker.
 */
export function eligiblePeople(manager: EntityManager, role: string, area: EligibleArea, q?: string): Promise<EligiblePerson[]> {
  return users.listEligible(manager, role, area, q);
}
