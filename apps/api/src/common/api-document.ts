// The OpenAPI document of an application: what the generator writes (packages/api-client/openapi.json) and what
// the running API serves at /api/openapi.json — one function, so the two cannot differ.
import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentZodPipes } from './openapi-from-pipes.js';
import { completeContract } from './openapi-contract.js';
import { exportedSchemas, nameBodySchemas } from './openapi-names.js';
import * as audit from '../admin/dto/audit.dto.js';
import * as calendars from '../admin/dto/calendars.dto.js';
import * as adminCommon from '../admin/dto/common.js';
import * as reference from '../admin/dto/reference.dto.js';
import * as users from '../admin/dto/users.dto.js';
import * as auth from '../auth/dto.js';
import * as me from '../me/dto.js';
import * as errors from './error-response.js';
import * as consulting from '../consulting/dto.js';
import * as documents from '../documents/dto.js';
import * as imports from '../imports/dto.js';
import * as plans from '../plans/dto.js';
import * as reports from '../reports/dto.js';
import * as schemes from '../schemes/dto.js';
import * as schemeOptions from '../schemes/options-dto.js';
import * as certificates from '../selection/certificates/dto.js';
import * as decisions from '../selection/decisions/dto.js';
import * as entries from '../selection/entries/dto.js';
import * as establishments from '../selection/establishments/dto.js';
import * as publicSelection from '../selection/public/dto.js';
import * as rounds from '../selection/rounds/dto.js';
import * as workflow from '../workflow/dto.js';
import * as commandBodies from '../workflow/command-bodies.js';
import * as inbox from '../workflow/inbox.dto.js';

/** The modules whose exported zod schemas name the document's bodies (the first export of a shape names it). */
const SCHEMA_MODULES = [
  workflow,
  commandBodies,
  inbox,
  entries,
  rounds,
  decisions,
  certificates,
  establishments,
  publicSelection,
  schemes,
  schemeOptions,
  plans,
  consulting,
  reports,
  imports,
  documents,
  auth,
  me,
  users,
  reference,
  calendars,
  audit,
  adminCommon,
  errors,
];

export function describeApi(): Omit<OpenAPIObject, 'paths'> {
  return (
    new DocumentBuilder()
      .setTitle('khuyencong API')
      .setDescription(
        'Typical rural industrial product selection and khuyến công schemes as approval workflows. Every error answers an `ErrorResponse` ' +
          '(code, "Vietnamese / English" message, field problems, the refusing rule, retry hints). Interactive reference: /api/docs.',
      )
      .setVersion('0.1.0')
      // Relative, so the committed document is the same for every installation: paths resolve against the host serving it.
      .addServer('/', 'This installation (every path starts with /api)')
      .addBearerAuth()
      .build()
  );
}

/** The full document of an application whose global prefix is `api` (scanned, zod pipes documented, contract added). */
export function documentApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, describeApi());
  documentZodPipes(app, document, '/api');
  completeContract(document);
  nameBodySchemas(document, exportedSchemas(SCHEMA_MODULES));
  return document;
}
