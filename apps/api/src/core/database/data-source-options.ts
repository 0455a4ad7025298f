import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/**
 * The data source on `url`, without entities: in the app each module registers its own
 * (`TypeOrmModule.forFeature` + `autoLoadEntities`, see `scopedDatabaseModule`), and running
 * the migrations needs none (they are plain SQL).
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // Schema changes only through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'haven' },
  };
}
