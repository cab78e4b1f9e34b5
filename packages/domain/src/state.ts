import type { RoundLevel, QuorumRule } from './definition/schema.js';
import type { SubjectScope } from './types.js';

/** Attribute values recorded on an instance (amounts in integer VND, percentages, codes, dates). */
export type AttributeValue = string | number | boolean | null;

/** Round facts an entry carries; they override the jury defaults of the definition (DESIGN.md §4). */
export interface RoundInfo {
  readonly roundId: string;
  readonly level: RoundLevel;
  readonly year: number;
  /** Registration window as ISO instants; absent bounds are open. */
  readonly registrationOpensAt?: string;
  readonly registrationClosesAt?: string;
  readonly passThreshold?: number;
  readonly quorum?: QuorumRule;
  readonly spreadLimit?: number | null;
  readonly nominationQuota?: number;
  /**
   * Working days per stage id for this round, overriding the definition's SLA (e.g. a round's screening
   * period, or the central department's 30 working days for regional dossiers).
   */
  readonly stageWorkingDays?: Readonly<Record<string, number>>;
}

/** Who holds a single-actor task: the owner who claimed it and, optionally, a delegate acting for them. */
export interface TaskHolder {
  readonly owner: string | null;
  readonly delegate: string | null;
}

/** One judge's scoring sheet. Points per criteria group; the total is kept in hundredths of a point. */
export interface JurySheet {
  readonly points: Readonly<Record<string, number>>;
  readonly totalHundredths: number;
  readonly comment: string;
  readonly submittedAt: string;
}

/** The result of one closed scoring round. */
export interface JuryRoundResult {
  readonly round: number;
  readonly sheets: Readonly<Record<string, JurySheet>>;
  readonly averageHundredths: number;
  readonly spreadHundredths: number;
  readonly outcome: 'passed' | 'failed' | 'rescoring';
}

/** Jury data of the current (or last) jury stage. Sheets of the open round are hidden from other judges. */
export interface JuryState {
  readonly stage: string;
  readonly round: number;
  readonly judges: readonly string[];
  readonly sheets: Readonly<Record<string, JurySheet>>;
  /** Judge → reason. A recused judge leaves the denominator of a ratio quorum. */
  readonly recused: Readonly<Record<string, string>>;
  readonly closed: boolean;
  readonly results: readonly JuryRoundResult[];
}

/** A council member's vote; `veto` is the chair's alone and only where the stage allows it. */
export type CouncilVote = 'approve' | 'reject' | 'veto';

/** Council data of the current (or last) council stage. */
export interface CouncilState {
  readonly stage: string;
  readonly members: readonly string[];
  readonly chair: string | null;
  readonly votes: Readonly<Record<string, CouncilVote>>;
  readonly outcome: 'approved' | 'rejected' | null;
}

/** A recognition certificate (DESIGN.md §4, step 5). */
export interface CertificateInfo {
  readonly number: string;
  readonly level: RoundLevel;
  readonly issuedOn: string;
  /** 31 December of the 4th year, the year of issue being the 1st. */
  readonly validUntil: string;
  readonly decisionNumber: string;
}

/** An interval during which the SLA clock stood still because the instance waited for the applicant. */
export interface PausedInterval {
  readonly from: string;
  readonly to: string;
  readonly workingDays: number;
}

/** The SLA clock of the stage being worked on. */
export interface SlaClock {
  readonly stage: string;
  readonly enteredAt: string;
  readonly workingDays: number;
  readonly dueSoonWorkingDays: number;
  readonly escalateAfterWorkingDays: number;
  /** End of the due working day (23:59:59.999 in Vietnam). */
  readonly dueAt: string;
  /** Start of the "due soon" window. */
  readonly dueSoonAt: string;
  readonly escalateAt: string;
  readonly pausedAt: string | null;
  readonly pausedIntervals: readonly PausedInterval[];
  readonly escalated: boolean;
  /** Keys of the timers currently scheduled for this clock; a firing timer must present one of them. */
  readonly timerKeys: readonly string[];
}

/** How a stage finished against its SLA. */
export type SlaClassification = 'early' | 'on_time' | 'late';

/** A finished stage's SLA record, kept for reports. */
export interface SlaRecord {
  readonly stage: string;
  readonly enteredAt: string;
  readonly completedAt: string;
  readonly dueAt: string;
  readonly classification: SlaClassification;
}

/**
 * The state of one workflow instance: a plain JSON object (stored as jsonb), treated as immutable.
 * `version` grows by exactly one per accepted command.
 */
export interface InstanceState {
  readonly instanceId: string;
  readonly definitionCode: string;
  readonly definitionVersion: number;
  readonly version: number;
  readonly stage: string;
  readonly status: 'active' | 'terminal';
  /** Outcome of the last stage that set one (recognised, rejected, closed, …); null while undecided. */
  readonly outcome: string | null;
  readonly subject: SubjectScope;
  readonly createdBy: string;
  /** Who submitted the dossier: four-eyes keeps them away from every decision on it. */
  readonly submittedBy: string | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly round: RoundInfo | null;
  readonly task: TaskHolder;
  readonly jury: JuryState | null;
  readonly council: CouncilState | null;
  readonly certificate: CertificateInfo | null;
  readonly sla: SlaClock | null;
  readonly slaHistory: readonly SlaRecord[];
  readonly lastReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
