import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Remembers that demo data was loaded, so a restart does not load it twice. */
@Injectable()
export class DemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isLoaded(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM app.demo_marker');
    return rows.length > 0;
  }

  async markLoaded(): Promise<void> {
    await this.dataSource.query('INSERT INTO app.demo_marker (id) VALUES (1) ON CONFLICT DO NOTHING');
  }
}
