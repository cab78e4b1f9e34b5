// Writes the OpenAPI document without starting a server or touching a database (Nest preview mode builds the
// module graph without instantiating providers). Usage: node dist/openapi.js <output.json>
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { loadApiConfig } from './config.js';
import { documentApi } from './common/api-document.js';

export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.register(loadApiConfig({ JWT_SECRET: 'openapi-generation-only-not-a-secret-000' })), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  const document = documentApi(app);
  await app.close();
  return document;
}

const output = process.argv[2];
if (output) {
  const document = await buildOpenApiDocument();
  writeFileSync(output, JSON.stringify(document, null, 2) + '\n');
  console.log(`OpenAPI document written to ${output} (${Object.keys(document.paths).length} paths)`);
}
