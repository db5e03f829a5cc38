import type { DataSourceOptions } from 'typeorm';
import { CodingBatchEntity } from '../analysis/coding-batch.entity.js';
import { SavedQueryEntity } from '../analysis/saved-query.entity.js';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { PseudonymListEntity } from '../pseudonyms/pseudonym-list.entity.js';
import { DocumentConsentEntity, ProjectRetentionEntity } from '../retention/retention.entities.js';
import {
  ProjectRecordingRetentionEntity,
  RecordingChunkEntity,
  RecordingEntity,
} from '../recordings/recording.entities.js';
import { UserEntity } from '../auth/user.entity.js';
import { CodeEventEntity } from '../codebook/code-event.entity.js';
import { CodeEntity } from '../codebook/code.entity.js';
import { CodeProposalEntity } from '../code-proposals/code-proposal.entity.js';
import { CodingEventEntity } from '../codings/coding-event.entity.js';
import { CodingEntity } from '../codings/coding.entity.js';
import { CommentEntity } from '../comments/comment.entity.js';
import { MemoStateEntity, MemoUpdateEntity } from '../memos/memo-log.entities.js';
import { MemoEntity } from '../memos/memo.entity.js';
import { NotificationEntity, NotificationSettingsEntity } from '../notifications/notification.entity.js';
import { DocumentStateEntity } from '../documents/document-state.entity.js';
import { DocumentUpdateEntity } from '../documents/document-update.entity.js';
import { DocumentEntity } from '../documents/document.entity.js';
import { MembershipEntity } from '../projects/membership.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { DeadlineEntity } from '../deadlines/deadline.entity.js';
import { SnapshotBlobEntity } from '../snapshots/snapshot-blob.entity.js';
import { SnapshotDocumentEntity } from '../snapshots/snapshot-document.entity.js';
import { InvitationEntity } from '../invitations/invitation.entity.js';
import { SnapshotEntity } from '../snapshots/snapshot.entity.js';
import { migrations } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming-strategy.js';
import { RefreshTokenEntity } from '../auth/refresh-token.entity.js';

export const entities = [
  UserEntity,
  ProjectEntity,
  MembershipEntity,
  DocumentEntity,
  DocumentStateEntity,
  DocumentUpdateEntity,
  CodeEntity,
  CodeEventEntity,
  CodeProposalEntity,
  CodingEntity,
  CodingEventEntity,
  CommentEntity,
  MemoEntity,
  MemoStateEntity,
  MemoUpdateEntity,
  NotificationEntity,
  NotificationSettingsEntity,
  CodingBatchEntity,
  SavedQueryEntity,
  SnapshotBlobEntity,
  SnapshotEntity,
  SnapshotDocumentEntity,
  InvitationEntity,
  DeadlineEntity,
  AuditEntryEntity,
  PseudonymListEntity,
  ProjectRetentionEntity,
  DocumentConsentEntity,
  RecordingEntity,
  RecordingChunkEntity,
  ProjectRecordingRetentionEntity,
  RefreshTokenEntity,
];

/**
 * The one TypeORM configuration, used by Nest (`AppModule`), the TypeORM CLI
 * (`cli-data-source.ts`) and the tests. Schema changes only through the
 * committed migrations, which run at start; never `synchronize`.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needed.
    uuidExtension: 'pgcrypto',
    entities,
    // Column names are derived from property names (see SnakeNamingStrategy).
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    // A connection attempt to an unreachable server gives up after 5 s
    // instead of the operating system's minutes (requests then answer 503).
    extra: { max: 10, application_name: 'tolk', connectionTimeoutMillis: 5_000 },
  };
}
