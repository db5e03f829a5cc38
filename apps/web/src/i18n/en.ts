// Every feature's en texts, merged into one flat dictionary. A new feature folder is added here.
import account from './account/en.json';
import agreement from './agreement/en.json';
import analysis from './analysis/en.json';
import audit from './audit/en.json';
import auth from './auth/en.json';
import codebook from './codebook/en.json';
import coding from './coding/en.json';
import common from './common/en.json';
import documents from './documents/en.json';
import errors from './errors/en.json';
import exchange from './exchange/en.json';
import memos from './memos/en.json';
import projects from './projects/en.json';
import recordings from './recordings/en.json';
import report from './report/en.json';
import pseudonyms from './pseudonyms/en.json';
import queries from './queries/en.json';
import retention from './retention/en.json';
import snapshots from './snapshots/en.json';
import together from './together/en.json';

export const translation = {
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

export type TranslationKey = keyof typeof translation;
