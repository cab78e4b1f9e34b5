import { Injectable } from '@nestjs/common';
import { PublicCatalogueStore, RoundStore } from '@khuyencong/persistence';
import { scopeNameOf, scopeNames } from '../rounds/round-details.js';
import { PublicRateLimiter } from '../shared/rate-limiter.js';
import { type PublicProductPage, type PublicProductQuery, type PublicRoundList, type PublicRoundQuery } from './dto.js';
import { ReadRouter } from '../../infra/read-routing.js';

/** Browsing requests per client address per minute: plenty for people paging through, too few to scrape fast. */
export const BROWSE_RATE_LIMIT_PER_MINUTE = 120;
const LIMITED = 'Quá nhiều yêu cầu, hãy thử lại sau một phút / Too many requests, try again in a minute';

/** What anyone may read without signing in: rounds taking registrations, and the catalogue of recognised products. */
@Injectable()
export class PublicCatalogueService {
  private readonly roundStore = new RoundStore();
  private readonly catalogue = new PublicCatalogueStore();

  constructor(
    private readonly reads: ReadRouter,
    private readonly limiter: PublicRateLimiter,
  ) {}

  /** Open rounds whose registration has not closed (upcoming ones too), soonest closing first, with their criteria. */
  async rounds(query: PublicRoundQuery, clientAddress: string): Promise<PublicRoundList> {
    await this.limiter.check('browse', clientAddress, BROWSE_RATE_LIMIT_PER_MINUTE, LIMITED);
    // Anonymous: the replica whenever it is close enough behind.
    const db = await this.reads.reader();
    const rounds = (await this.roundStore.listOpenForRegistration(db, { level: query.level, provinceCode: query.provinceCode })).sort(
      (a, b) => a.registrationClosesAt.getTime() - b.registrationClosesAt.getTime() || a.name.localeCompare(b.name, 'vi'),
    );
    const names = await scopeNames(db, rounds);
    const sets = [...new Set(rounds.map((round) => round.criteriaSetCode))];
    const criteria = await this.catalogue.criteriaGroups(db, sets);
    return {
      items: rounds.map((round) => ({
        id: round.id,
        name: round.name,
        level: round.level,
        year: round.year,
        scopeType: round.scopeType,
        scopeCode: round.scopeCode,
        scopeName: scopeNameOf(names, round),
        registrationOpensAt: round.registrationOpensAt.toISOString(),
        registrationClosesAt: round.registrationClosesAt.toISOString(),
        status: round.status,
        criteriaSetCode: round.criteriaSetCode,
        criteria: criteria
          .filter((row) => row.criteriaSetCode === round.criteriaSetCode)
          .map((row) => ({ code: row.code, name: row.name, maxPoints: row.maxPoints })),
        passThreshold: round.passThreshold,
        screeningWorkingDays: round.screeningWorkingDays,
        contact: round.contact,
      })),
    };
  }

  /** Certificates in force (neither revoked nor past their validity), newest first, one page. */
  async products(query: PublicProductQuery, clientAddress: string): Promise<PublicProductPage> {
    await this.limiter.check('browse', clientAddress, BROWSE_RATE_LIMIT_PER_MINUTE, LIMITED);
    const db = await this.reads.reader();
    const filter = {
      q: query.q,
      provinceCode: query.provinceCode,
      communeCode: query.communeCode,
      productGroup: query.productGroup,
      level: query.level,
      year: query.year,
    };
    const page = await this.catalogue.listProducts(db, filter, query.pageSize, (query.page - 1) * query.pageSize);
    // Past the last page there are no rows to carry the total: count once more.
    const total = page.total ?? (query.page === 1 ? 0 : await this.catalogue.countProducts(db, filter));
    return {
      items: page.items.map((row) => ({
        certificateNumber: row.number,
        productName: row.productName,
        productGroup: row.productGroup,
        establishmentName: row.establishmentName,
        provinceCode: row.provinceCode,
        provinceName: row.provinceName,
        communeCode: row.communeCode,
        communeName: row.communeName,
        level: row.level,
        year: row.year,
        issuedOn: row.issuedOn,
        validUntil: row.validUntil,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
