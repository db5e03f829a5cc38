import { CreateAccountsProjectsDocuments1764172800000 } from './1764172800000-CreateAccountsProjectsDocuments.js';

/** Every migration, oldest first. Listed explicitly: no globbing under ESM. */
export const migrations = [CreateAccountsProjectsDocuments1764172800000];
