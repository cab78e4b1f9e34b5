// The OpenAPI document of an application: what the generator writes (packages/api-client/openapi.json) and what
// the running API serves at /api/openapi.json — one function, so the two cannot differ.
import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentZodPipes } from './openapi-from-pipes.js';
import { completeContract } from './openapi-contract.js';

export function describeApi(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('khuyencong API')
    .setDescription(
      'Typical rural industrial product selection and khuyến công schemes as approval workflows. Every error answers an `ErrorResponse` ' +
        '(code, "Vietnamese / English" message, field problems, the refusing rule, retry hints). Interactive reference: /api/docs.',
    )
    .setVersion('0.1.0')
    // Relative, so the committed document is the same for every installation: paths resolve against the host serving it.
    .addServer('/', 'This installation (every path starts with /api)')
    .addBearerAuth()
    .build();
}

/** The full document of an application whose global prefix is `api` (scanned, zod pipes documented, contract added). */
export function documentApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, describeApi());
  documentZodPipes(app, document, '/api');
  return completeContract(document);
}
