// Every feature's nb texts, merged into one flat dictionary. A new feature folder is added here.
import account from './account/nb.json';
import agreement from './agreement/nb.json';
import analysis from './analysis/nb.json';
import audit from './audit/nb.json';
import auth from './auth/nb.json';
import codebook from './codebook/nb.json';
import coding from './coding/nb.json';
import common from './common/nb.json';
import documents from './documents/nb.json';
import errors from './errors/nb.json';
import exchange from './exchange/nb.json';
import memos from './memos/nb.json';
import projects from './projects/nb.json';
import recordings from './recordings/nb.json';
import report from './report/nb.json';
import pseudonyms from './pseudonyms/nb.json';
import queries from './queries/nb.json';
import retention from './retention/nb.json';
import snapshots from './snapshots/nb.json';
import together from './together/nb.json';

import type { TranslationKey } from './en';

export const translation: Record<TranslationKey, string> = {
  ...account,
  ...agreement,
  ...analysis,
  ...audit,
  ...auth,
  ...codebook,
  ...coding,
  ...common,
  ...documents,
  ...errors,
  ...exchange,
  ...memos,
  ...projects,
  ...recordings,
  ...report,
  ...pseudonyms,
  ...queries,
  ...retention,
  ...snapshots,
  ...together,
};
