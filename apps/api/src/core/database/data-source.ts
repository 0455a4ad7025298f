import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/**
 * For the TypeORM CLI on compiled output:
 * `DATABASE_URL=... npx typeorm migration:run -d apps/api/dist/core/database/data-source.js`
 */
export const dataSource = new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/haven'),
);
