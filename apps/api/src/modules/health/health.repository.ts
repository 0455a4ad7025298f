import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The names of the migrations applied to the database; undefined when it does not answer. */
  async appliedMigrations(): Promise<Set<string> | undefined> {
    try {
      const rows: { name: string }[] = await this.dataSource.query('SELECT name FROM public.migrations');
      return new Set(rows.map((row) => row.name));
    } catch {
      return undefined;
    }
  }
}
