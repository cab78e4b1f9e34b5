// Documents every request body, path parameter and query parameter that a route validates with a zod pipe,
// from the pipe's own schema: the OpenAPI document (and the client generated from it) cannot drift from what
// the server accepts, and a route needs no swagger decorator for its inputs.
import { type INestApplicationContext, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { ZodPipe, openApiInput } from './zod.js';

const BODY = 3;
const QUERY = 4;
const PARAM = 5;

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: SchemaObject;
  description?: string;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: unknown;
}

function joinPath(...parts: string[]): string {
  return `/${parts
    .flatMap((part) => part.split('/'))
    .filter((part) => part.length > 0)
    .join('/')}`;
}

function zodPipeOf(argument: RouteArgument): ZodPipe<never> | undefined {
  return argument.pipes?.find((pipe): pipe is ZodPipe<never> => pipe instanceof ZodPipe);
}

function fieldsOf(pipe: ZodPipe<never>): { properties: Record<string, SchemaObject>; required: string[] } {
  const json = openApiInput(pipe.schema) as { properties?: Record<string, SchemaObject>; required?: string[] };
  return { properties: json.properties ?? {}, required: json.required ?? [] };
}

function addParameters(operation: Operation, location: 'path' | 'query', pipe: ZodPipe<never>, data: unknown): void {
  const parameters = (operation.parameters ??= []);
  const known = new Set(parameters.filter((p) => p.in === location).map((p) => p.name));
  const fields: [string, SchemaObject, boolean][] =
    typeof data === 'string'
      ? [[data, openApiInput(pipe.schema), true]]
      : Object.entries(fieldsOf(pipe).properties).map(([name, schema]) => [name, schema, fieldsOf(pipe).required.includes(name)]);
  for (const [name, schema, required] of fields) {
    if (known.has(name)) continue;
    const { description, ...rest } = schema as SchemaObject & { description?: string };
    parameters.push({ name, in: location, required: location === 'path' ? true : required, schema: rest, ...(description ? { description } : {}) });
  }
}

export function documentZodPipes(app: INestApplicationContext, document: OpenAPIObject, prefix: string): void {
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer, { strict: false }).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      const prototype = controller.prototype as Record<string, unknown>;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat().map((path) => path ?? '');
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>);
        for (const base of bases) {
          for (const path of [paths].flat()) {
            const route = joinPath(prefix, base, path).replace(/:(\w+)/g, '{$1}');
            const operation = (document.paths[route] as Record<string, Operation> | undefined)?.[method];
            if (!operation) continue;
            for (const [key, argument] of args) {
              const type = Number(key.split(':')[0]);
              const pipe = zodPipeOf(argument);
              if (!pipe) continue;
              if (type === BODY && !operation.requestBody) {
                operation.requestBody = { required: true, content: { 'application/json': { schema: openApiInput(pipe.schema) } } };
              } else if (type === PARAM) {
                addParameters(operation, 'path', pipe, argument.data);
              } else if (type === QUERY) {
                addParameters(operation, 'query', pipe, argument.data);
              }
            }
          }
        }
      }
    }
  }
}
