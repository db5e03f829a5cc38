import { ConsoleLogger, type LogLevel, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { MAX_DOCUMENT_BYTES } from '@tolk/contracts';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module.js';
import { resolveSecret } from './auth/secret.js';
import type { Settings } from './config/settings.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { Database } from './database/database.js';
import { type DemoLogin, DemoSeedService } from './demo/demo-seed.service.js';
import { MetricsService } from './metrics/metrics.service.js';
import { requestContext } from './platform/request-context.js';
import { refuseCrossSiteCookies } from './platform/csrf.js';
import { createValidationPipe } from './platform/validation.pipe.js';
import { baseSecurityHeaders, serveWebClient } from './platform/web-client.js';
import { TolkIoAdapter } from './realtime/socket/tolk-io.adapter.js';
import { withWireSchemas } from './platform/openapi/api-answers.js';

export interface StartOptions {
  /** The built web client (`dist/apps/web/browser`); none is served when missing. */
  webRoot?: string;
  logLevels?: LogLevel[];
  /** The embedded PostgreSQL died and could not be restarted (main.ts exits non-zero). */
  onDatabaseLost?: (error: Error) => void;
  /**
   * The embedded PostgreSQL, already starting (main.ts starts it before it
   * imports this module, so that its start and crash recovery overlap the
   * module loading); started here when not given. Ignored with `DATABASE_URL`.
   */
  embedded?: Promise<EmbeddedDatabase>;
}

export interface RunningTolk {
  app: NestExpressApplication;
  /** Where the api and web client answer, e.g. `http://127.0.0.1:3000`. */
  url: string;
  databaseUrl: string;
  embedded: boolean;
  webClient: boolean;
  /** Demo accounts present on this database (printed at start). */
  demoLogins: DemoLogin[];
  /** Milliseconds spent in each phase of the start, in order (printed in the banner). */
  startPhases: [phase: string, ms: number][];
  /** Stops accepting requests, closes the pool, then stops the embedded database. */
  close(): Promise<void>;
}

/**
 * Starts Tolk: the database (embedded unless `DATABASE_URL`), migrations,
 * the demo, then the HTTP server. `main.ts` and the tests both start it here.
 */
export async function startTolk(settings: Settings, options: StartOptions = {}): Promise<RunningTolk> {
  const logLevels = options.logLevels ?? ['log', 'warn', 'error', 'fatal'];
  // JSON: one object per line for log collectors; text: for people at a terminal.
  const logger = settings.logFormat === 'json' ? new ConsoleLogger({ json: true, logLevels }) : undefined;
  Logger.overrideLogger(logger ?? logLevels);
  const phases: [string, number][] = [];
  let phaseStart = performance.now();
  const phaseDone = (phase: string) => {
    const now = performance.now();
    phases.push([phase, now - phaseStart]);
    phaseStart = now;
  };
  // Given by main.ts, this phase is only the wait that was left after its imports.
  const embedded: EmbeddedDatabase | undefined = settings.databaseUrl
    ? undefined
    : await (options.embedded ??
        startEmbeddedPostgres({
          dataDir: settings.dataDir,
          port: settings.embeddedPgPort,
          onUnrecoverable: options.onDatabaseLost,
        }));
  if (embedded) phaseDone('database');
  let app: NestExpressApplication | undefined;
  try {
    const databaseUrl = settings.databaseUrl ?? embedded!.url;
    const secret = await resolveSecret(settings.secret, settings.dataDir);
    // This process reaches its own embedded PostgreSQL over the Unix socket; others are given `databaseUrl`.
    const connectWith = embedded?.localUrl ?? databaseUrl;
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ ...settings, databaseUrl: connectWith, secret }),
      {
        // Nest's start-up chatter (every module and route) would bury the
        // banner; it logs at full level once started.
        logger: logger ?? logLevels.filter((level) => level !== 'log'),
        bodyParser: false,
      },
    );
    app.useLogger(logger ?? logLevels);
    app.useWebSocketAdapter(new TolkIoAdapter(app));
    app.use(requestContext(app.get(MetricsService), settings.logFormat === 'json'));
    configureHttp(app, settings);
    const webClient = options.webRoot ? serveWebClient(app.getHttpAdapter().getInstance(), options.webRoot) : false;

    phaseDone('api');
    await app.get(Database).migrate();
    phaseDone('migrations');
    const demo = app.get(DemoSeedService);
    const demoLogins = settings.demo ? await demo.seedIfEmpty() : [];
    phaseDone('demo');

    await app.listen(settings.port, settings.host);
    phaseDone('listen');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const running = app;
    return {
      app,
      url: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`,
      databaseUrl,
      embedded: embedded !== undefined,
      webClient,
      demoLogins: demoLogins.length > 0 ? demoLogins : settings.demo ? await demo.existingLogins() : [],
      startPhases: phases,
      async close() {
        await running.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

function configureHttp(app: NestExpressApplication, settings: Settings): void {
  if (settings.trustProxy !== undefined) app.set('trust proxy', settings.trustProxy);
  app.use(baseSecurityHeaders);
  app.use(refuseCrossSiteCookies);
  // JSON escapes can double a transcript's size; the text itself is checked
  // against MAX_DOCUMENT_BYTES (413) in the documents service.
  app.useBodyParser('json', { limit: MAX_DOCUMENT_BYTES * 3 });
  // `/metrics` where Prometheus looks for it; everything else under `/api`.
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');

  const openApi = new DocumentBuilder()
    .setTitle('Tolk API')
    .setDescription(
      'Collaborative qualitative analysis: projects, members, transcripts. The whole contract is docs/api.md in the repository.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => withWireSchemas(SwaggerModule.createDocument(app, openApi)), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
