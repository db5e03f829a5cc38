import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountModule } from './account/account.module.js';
import { AuditModule } from './audit/audit.module.js';
import { PseudonymsModule } from './pseudonyms/pseudonyms.module.js';
import { ErasureModule } from './erasure/erasure.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { RecordingsModule } from './recordings/recordings.module.js';
import { AgreementModule } from './agreement/agreement.module.js';
import { AnalysisModule } from './analysis/analysis.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClusterModule } from './cluster/cluster.module.js';
import { CodebookModule } from './codebook/codebook.module.js';
import { CodingsModule } from './codings/codings.module.js';
import { CodeProposalsModule } from './code-proposals/code-proposals.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { MemosModule } from './memos/memos.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { type RuntimeSettings, SettingsModule } from './config/settings.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { TransactionsModule } from './database/transactions.js';
import { DemoModule } from './demo/demo.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { ExchangeModule } from './exchange/exchange.module.js';
import { HealthController } from './health/health.controller.js';
import { DomainErrorFilter } from './platform/domain-error.filter.js';
import { DomainEventsModule } from './platform/domain-events.js';
import { RateLimitInterceptor } from './platform/rate-limit.js';
import { ParsingModule } from './parsing/parsing.module.js';
import { ProjectStateModule } from './project-state/project-state.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { SnapshotsModule } from './snapshots/snapshots.module.js';

@Module({})
export class AppModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        DomainEventsModule,
        ParsingModule,
        ClusterModule,
        MetricsModule,
        TypeOrmModule.forRoot(dataSourceOptions(settings.databaseUrl)),
        TransactionsModule,
        AuthModule,
        ProjectsModule,
        DocumentsModule,
        CodebookModule,
        CodingsModule,
        CodeProposalsModule,
        NotificationsModule,
        CommentsModule,
        MemosModule,
        ExchangeModule,
        ProjectStateModule,
        AgreementModule,
        AnalysisModule,
        SnapshotsModule,
        ErasureModule,
        InvitationsModule,
        DeadlinesModule,
        DemoModule,
        RealtimeModule,
        AuditModule,
        AccountModule,
        PseudonymsModule,
        RetentionModule,
        RecordingsModule,
      ],
      controllers: [HealthController],
      // Every error answer, with its `reason` (an unreachable database: 503; the unexpected: Nest's 500).
      providers: [
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        // `@RateLimited(policy)` routes: registration, imports, exports.
        { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
      ],
    };
  }
}
