import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';
import { scopedPostgres } from './scoped-connections.js';

/**
 * The application's data source on `url` (the application role), each borrowed
 * connection carrying the scope of the work that borrowed it (row-level security,
 * scoped-connections.ts).
 */
export function scopedDatabaseModule(url: string): DynamicModule {
  return TypeOrmModule.forRootAsync({
    // Each module registers its own entities (`TypeOrmModule.forFeature`).
    useFactory: () => ({ ...dataSourceOptions(url), autoLoadEntities: true, driver: scopedPostgres() }),
    dataSourceFactory: async (options?: DataSourceOptions) => {
      const dataSource = new DataSource(options!);
      await dataSource.initialize();
      return dataSource;
    },
  });
}
