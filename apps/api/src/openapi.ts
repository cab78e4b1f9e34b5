// Writes the OpenAPI document without starting a server or touching a database (Nest preview mode builds the
// module graph without instantiating providers). Usage: node dist/openapi.js <output.json>
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { loadApiConfig } from './config.js';
import { documentZodPipes } from './common/openapi-from-pipes.js';

export function describeApi(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('khuyencong API')
    .setDescription('Typical rural industrial product selection and khuyến công schemes as approval workflows')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
}

export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.register(loadApiConfig({ JWT_SECRET: 'openapi-generation-only-not-a-secret-000' })), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  const document = SwaggerModule.createDocument(app, describeApi());
  documentZodPipes(app, document, '/api');
  await app.close();
  return document;
}

const output = process.argv[2];
if (output) {
  const document = await buildOpenApiDocument();
  writeFileSync(output, JSON.stringify(document, null, 2) + '\n');
  console.log(`OpenAPI document written to ${output} (${Object.keys(document.paths).length} paths)`);
}
