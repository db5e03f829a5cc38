import { CreateAccountsProjectsDocuments1764172800000 } from './1764172800000-CreateAccountsProjectsDocuments.js';
import { CreateDocumentUpdateLog1764180000000 } from './1764180000000-CreateDocumentUpdateLog.js';
import { CreateCodebookAndCodings1764190000000 } from './1764190000000-CreateCodebookAndCodings.js';
import { CreateCommentsAndMemos1764200000000 } from './1764200000000-CreateCommentsAndMemos.js';
import { AddDocumentSpeakers1764210000000 } from './1764210000000-AddDocumentSpeakers.js';
import { AddTranscriptSearchAndCodingBatches1764235000000 } from './1764235000000-AddTranscriptSearchAndCodingBatches.js';
import { CreateSnapshotsAndDeadlines1764220000000 } from './1764220000000-CreateSnapshotsAndDeadlines.js';
import { CreateAuditLog1764250000000 } from './1764250000000-CreateAuditLog.js';
import { AddUserTokenVersion1764251000000 } from './1764251000000-AddUserTokenVersion.js';
import { CreatePseudonymLists1764252000000 } from './1764252000000-CreatePseudonymLists.js';
import { CreateRetentionAndConsent1764253000000 } from './1764253000000-CreateRetentionAndConsent.js';
import { CreateNotifications1764260000000 } from './1764260000000-CreateNotifications.js';
import { AddCodeShortcuts1796646472588 } from './1796646472588-AddCodeShortcuts.js';
import { MakeMemosLive1796646491956 } from './1796646491956-MakeMemosLive.js';
import { CreateRecordings1796647015948 } from './1796647015948-CreateRecordings.js';
import { AllowSnapshotErasure1796648233217 } from './1796648233217-AllowSnapshotErasure.js';
import { CreateRefreshTokens1796651411201 } from './1796651411201-CreateRefreshTokens.js';
import { CreateRecordingRetention1796658260177 } from './1796658260177-CreateRecordingRetention.js';
import { AddCodeDefinitions1796669198243 } from './1796669198243-AddCodeDefinitions.js';
import { CreateCodeProposals1796649600413 } from './1796649600413-CreateCodeProposals.js';
import { CreateInvitations1796651457588 } from './1796651457588-CreateInvitations.js';
import { CreateSavedQueries1796669151252 } from './1796669151252-CreateSavedQueries.js';

/** Every migration, oldest first. Listed explicitly: no globbing under ESM. */
export const migrations = [
  CreateAccountsProjectsDocuments1764172800000,
  CreateDocumentUpdateLog1764180000000,
  CreateCodebookAndCodings1764190000000,
  CreateCommentsAndMemos1764200000000,
  AddDocumentSpeakers1764210000000,
  CreateSnapshotsAndDeadlines1764220000000,
  AddTranscriptSearchAndCodingBatches1764235000000,
  CreateAuditLog1764250000000,
  AddUserTokenVersion1764251000000,
  CreatePseudonymLists1764252000000,
  CreateRetentionAndConsent1764253000000,
  CreateNotifications1764260000000,
  AddCodeShortcuts1796646472588,
  MakeMemosLive1796646491956,
  CreateRecordings1796647015948,
  AllowSnapshotErasure1796648233217,
  CreateCodeProposals1796649600413,
  CreateRefreshTokens1796651411201,
  CreateInvitations1796651457588,
  CreateRecordingRetention1796658260177,
  CreateSavedQueries1796669151252,
  AddCodeDefinitions1796669198243,
];
