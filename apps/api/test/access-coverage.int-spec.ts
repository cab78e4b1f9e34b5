// Every route must declare who may call it. This test enumerates the routes from Nest's own module container
// (the same metadata the router is built from), fails on any handler without an access rule, and calls every
// non-public route without a token to check that the guard, not the handler, answers.
import 'reflect-metadata';
import { Controller, Get, Module, Post, RequestMethod, type INestApplicationContext, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, NestFactory } from '@nestjs/core';
import { ACCESS_METADATA, Authenticated, Public, Roles, type AccessRule } from '../src/common/access.js';
import { startTestApi, type TestApi } from './harness.js';

interface DeclaredRoute {
  route: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

/** Intentionally public routes. Adding one here is a decision to let anonymous callers in: say why in review. */
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  // Public to the global guard, then MetricsScrapeGuard requires METRICS_TOKEN or an admin session (checked below).
  'GET /api/metrics',
  // Certificate verification behind the QR code: no sign-in by design, rate-limited per address in Redis.
  'GET /api/public/certificates/:number',
  // The public selection pages (issue 13): open rounds, the catalogue of recognised products and self-registration,
  // each rate-limited per address like the certificate check (registrations at the sign-in allowance).
  'GET /api/public/rounds',
  'GET /api/public/products',
  'POST /api/public/registrations',
]);

function joinPath(...parts: string[]): string {
  return `/${parts
    .flatMap((part) => part.split('/'))
    .filter((part) => part.length > 0)
    .join('/')}`;
}

/** Every handler of every controller in the application, with the access rule the guard would read. */
function enumerateRoutes(app: INestApplicationContext, prefix: string): DeclaredRoute[] {
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer, { strict: false }).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      const prototype = controller.prototype as Record<string, unknown>;
      const controllerPaths = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat().map((path) => path ?? '');
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const handlerPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (handlerPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const rule = (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, controller)) as AccessRule | undefined;
        for (const base of controllerPaths) {
          for (const path of [handlerPaths].flat()) {
            routes.push({ route: `${controller.name}.${name}`, method, path: joinPath(prefix, base, path), rule });
          }
        }
      }
    }
  }
  return routes;
}

/** A concrete URL for a route template: ids become a UUID, dates a date, anything else a harmless word. */
function concretePath(template: string): string {
  return template.replace(/:(\w+)/g, (_match, name: string) => {
    if (/id$/i.test(name)) return '00000000-0000-4000-8000-000000000000';
    if (name === 'date') return '2027-01-04';
    return 'x';
  });
}

describe('access coverage', () => {
  describe('the route enumeration itself', () => {
    @Controller('dummy')
    class DummyController {
      @Get('open')
      @Public()
      open(): string {
        return 'ok';
      }

      @Get('mine')
      @Authenticated()
      mine(): string {
        return 'ok';
      }

      @Post('forgotten')
      forgotten(): string {
        return 'a route that declares nothing';
      }
    }

    @Controller('dummy-admin')
    @Roles('admin')
    class DummyAdminController {
      @Get()
      everything(): string {
        return 'class-level rule';
      }
    }

    @Module({ controllers: [DummyController, DummyAdminController] })
    class DummyModule {}

    let context: INestApplicationContext;
    beforeAll(async () => {
      context = await NestFactory.createApplicationContext(DummyModule, { logger: false });
    });
    afterAll(() => context.close());

    it('finds every handler with its method and full path', () => {
      const found = enumerateRoutes(context, 'api')
        .map((route) => `${route.method} ${route.path}`)
        .sort();
      expect(found).toEqual(['GET /api/dummy-admin', 'GET /api/dummy/mine', 'GET /api/dummy/open', 'POST /api/dummy/forgotten']);
    });

    it('reports a handler that declares no access rule, and reads class-level rules', () => {
      const routes = enumerateRoutes(context, 'api');
      expect(routes.filter((route) => route.rule === undefined).map((route) => route.route)).toEqual(['DummyController.forgotten']);
      expect(routes.find((route) => route.route === 'DummyAdminController.everything')?.rule).toEqual({ kind: 'roles', roles: ['admin'] });
    });
  });

  describe('the API', () => {
    let api: TestApi;
    let routes: DeclaredRoute[];

    beforeAll(async () => {
      api = await startTestApi();
      routes = enumerateRoutes(api.app, 'api');
    });
    afterAll(() => api.close());

    it('has routes to check (the enumeration is not silently empty)', () => {
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.map((route) => `${route.method} ${route.path}`)).toContain('GET /api/admin/users');
    });

    it('declares an access rule on every route', () => {
      expect(routes.filter((route) => route.rule === undefined).map((route) => `${route.route} (${route.method} ${route.path})`)).toEqual([]);
    });

    it('makes public only the routes meant to be public', () => {
      const publicRoutes = routes.filter((route) => route.rule?.kind === 'public').map((route) => `${route.method} ${route.path}`);
      expect(publicRoutes.filter((route) => !PUBLIC_ROUTES.has(route))).toEqual([]);
    });

    it('answers 401 to every non-public route called without a token', async () => {
      const answers: string[] = [];
      for (const route of routes.filter((candidate) => candidate.rule?.kind !== 'public')) {
        const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
        const response = await fetch(`${api.baseUrl}${concretePath(route.path)}`, {
          method: route.method,
          headers: hasBody ? { 'content-type': 'application/json' } : {},
          ...(hasBody ? { body: '{}' } : {}),
        });
        await response.arrayBuffer();
        if (response.status !== 401) answers.push(`${route.method} ${route.path} → ${response.status}`);
      }
      expect(answers).toEqual([]);
    });

    it('answers 401 without a token on the guarded public route and on the dashboard mounted outside the router', async () => {
      expect((await fetch(`${api.baseUrl}/api/metrics`)).status).toBe(401);
      expect((await fetch(`${api.baseUrl}/api/admin/queues`)).status).toBe(401);
      expect((await fetch(`${api.baseUrl}/api/admin/queues/api/queues`)).status).toBe(401);
    });
  });
});
