import type { Scope, ScopeType, SubjectScope } from './types.js';

/** The id used for the one national scope. */
export const nationalScopeId = 'VN';

/**
 * The default scope rule: a grant covers an instance when its scope is national or equals a link of the
 * instance's chain (a province grant covers every establishment in that province).
 */
export function scopeCovers(grant: Scope, subject: SubjectScope): boolean {
  switch (grant.type) {
    case 'national':
      return true;
    case 'region':
      return grant.id === subject.regionCode;
    case 'province':
      return grant.id === subject.provinceCode;
    case 'commune':
      return grant.id === subject.communeCode;
    case 'establishment':
      return grant.id === subject.establishmentId;
  }
}

/** The unit of a given level an instance belongs to (where its inbox rows and notifications go). */
export function subjectScopeAt(subject: SubjectScope, type: ScopeType): Scope {
  switch (type) {
    case 'national':
      return { type, id: nationalScopeId };
    case 'region':
      return { type, id: subject.regionCode };
    case 'province':
      return { type, id: subject.provinceCode };
    case 'commune':
      return { type, id: subject.communeCode };
    case 'establishment':
      return { type, id: subject.establishmentId };
  }
}
