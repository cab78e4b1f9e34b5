import { ReferenceData1764100000000 } from './1764100000000-ReferenceData.js';
import { Identity1764100001000 } from './1764100001000-Identity.js';
import { Workflow1764100002000 } from './1764100002000-Workflow.js';
import { Effects1764100003000 } from './1764100003000-Effects.js';
import { TimerCommand1764100004000 } from './1764100004000-TimerCommand.js';
import { Selection1764101000000 } from './1764101000000-Selection.js';
import { Finance1764102000000 } from './1764102000000-Finance.js';
import { ReadPathIndexes1764103500000 } from './1764103500000-ReadPathIndexes.js';
import { ReadPathAggregates1764104000000 } from './1764104000000-ReadPathAggregates.js';
import { SessionChangeNotify1764104100000 } from './1764104100000-SessionChangeNotify.js';
import { CertificateSeries1764104200000 } from './1764104200000-CertificateSeries.js';
import { OutboxPolled1764104300000 } from './1764104300000-OutboxPolled.js';
import { OpenGrantUnique1764105400000 } from './1764105400000-OpenGrantUnique.js';
import { DatedRules1764105100000 } from './1764105100000-DatedRules.js';
import { UnitsInForce1764105000000 } from './1764105000000-UnitsInForce.js';
import { CalendarSource1764105200000 } from './1764105200000-CalendarSource.js';
import { UserPhone1764105600000 } from './1764105600000-UserPhone.js';
import { ImportPlanLines1764106400000 } from './1764106400000-ImportPlanLines.js';
import { TaskClaims1764106100000 } from './1764106100000-TaskClaims.js';
import { ListSearchIndexes1764106300000 } from './1764106300000-ListSearchIndexes.js';
import { SearchColumns1764106500000 } from './1764106500000-SearchColumns.js';
import { SchemeExtension1764106600000 } from './1764106600000-SchemeExtension.js';
import { RoundContact1764106700000 } from './1764106700000-RoundContact.js';
import { EntryCodes1764106800000 } from './1764106800000-EntryCodes.js';
import { SchemeRevision1764106900000 } from './1764106900000-SchemeRevision.js';
import { SchemeDocuments1764107000000 } from './1764107000000-SchemeDocuments.js';
import { EmailDelivery1764107100000 } from './1764107100000-EmailDelivery.js';

/** Every migration, oldest first. Listed explicitly: the package is ESM and built to dist, so no globs. */
export const MIGRATIONS = [
  ReferenceData1764100000000,
  Identity1764100001000,
  Workflow1764100002000,
  Effects1764100003000,
  TimerCommand1764100004000,
  Selection1764101000000,
  Finance1764102000000,
  ReadPathIndexes1764103500000,
  ReadPathAggregates1764104000000,
  SessionChangeNotify1764104100000,
  CertificateSeries1764104200000,
  OutboxPolled1764104300000,
  UnitsInForce1764105000000,
  DatedRules1764105100000,
  CalendarSource1764105200000,
  OpenGrantUnique1764105400000,
  UserPhone1764105600000,
  TaskClaims1764106100000,
  ListSearchIndexes1764106300000,
  ImportPlanLines1764106400000,
  SearchColumns1764106500000,
  SchemeExtension1764106600000,
  RoundContact1764106700000,
  EntryCodes1764106800000,
  SchemeRevision1764106900000,
  SchemeDocuments1764107000000,
  EmailDelivery1764107100000,
];
