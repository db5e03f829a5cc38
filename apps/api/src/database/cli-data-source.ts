import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/**
 * For the TypeORM CLI (`npm run migration:generate`, `migration:run`):
 * `DATABASE_URL` must point at the database, e.g. the embedded one whose URL
 * Tolk keeps in `<TOLK_DATA_DIR>/database-url`.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL (the embedded database URL is in <TOLK_DATA_DIR>/database-url)');

export default new DataSource(dataSourceOptions(url));
