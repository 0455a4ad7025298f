import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '@haven/access';
import type { Role } from '@haven/contracts';
import { UserEntity } from './user.entity.js';

export interface UserListFilter {
  role?: Role;
  organisationId?: string;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  /** Includes the password hash, which is otherwise never selected. */
  findByEmailWithPassword(email: string): Promise<UserEntity | null> {
    return this.repository()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  findByIdWithPassword(id: string): Promise<UserEntity | null> {
    return this.repository().createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repository().findOneBy({ id });
  }

  findInScope(id: string, scope: Scope): Promise<UserEntity | null> {
    if (scope.length === 0) return Promise.resolve(null);
    return this.repository().findOne({ where: scope.map((filter) => ({ ...filter, id })) });
  }

  async list(scope: Scope, filter: UserListFilter, page: number, pageSize: number): Promise<[UserEntity[], number]> {
    if (scope.length === 0) return [[], 0];
    return this.repository().findAndCount({
      where: scope.map((allowed) => ({ ...filter, ...allowed })),
      relations: { organisation: true },
      order: { displayName: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  async create(user: Pick<UserEntity, 'email' | 'displayName' | 'organisationId' | 'role' | 'passwordHash' | 'team'>): Promise<UserEntity> {
    const repository = this.repository();
    return repository.save(repository.create({ ...user, active: true, passwordChangedAt: new Date() }));
  }

  async setPasswordHash(id: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ id }, { passwordHash, passwordChangedAt: new Date() });
  }

  async setActive(id: string, active: boolean, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ id }, { active });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
