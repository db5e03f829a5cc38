import { Injectable } from '@nestjs/common';
import { In, QueryFailedError } from 'typeorm';
import { Repo, type Tx } from '../database/transactions.js';
import { UserEntity } from './user.entity.js';

/** A person as other modules see them: never the password hash. */
export interface Person {
  id: string;
  email: string;
  name: string;
}

export type NewUser = Pick<UserEntity, 'email' | 'name' | 'passwordHash'>;

/** Every query of `users`. */
@Injectable()
export class UsersRepository extends Repo {
  findById(id: string, tx?: Tx): Promise<UserEntity | null> {
    return this.manager(tx).findOneBy(UserEntity, { id });
  }

  /** `email` as stored: normalised (see `normaliseEmail`). */
  findByEmail(email: string, tx?: Tx): Promise<UserEntity | null> {
    return this.manager(tx).findOneBy(UserEntity, { email });
  }

  existsByEmail(email: string): Promise<boolean> {
    return this.manager().existsBy(UserEntity, { email });
  }

  /** The row, locked until the transaction ends. */
  lockById(id: string, tx: Tx): Promise<UserEntity | null> {
    return tx.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The people with these ids (unknown ids are left out), by name. */
  async people(ids: Iterable<string>, tx?: Tx): Promise<Person[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.manager(tx).find(UserEntity, {
      where: { id: In(unique) },
      select: { id: true, email: true, name: true },
      order: { name: 'ASC' },
    });
    return rows.map(({ id, email, name }) => ({ id, email, name }));
  }

  async nameOf(id: string, tx?: Tx): Promise<string | null> {
    const row = await this.manager(tx).findOne(UserEntity, { where: { id }, select: { id: true, name: true } });
    return row?.name ?? null;
  }

  findByEmails(emails: string[], tx?: Tx): Promise<UserEntity[]> {
    return this.manager(tx).findBy(UserEntity, { email: In(emails) });
  }

  count(tx?: Tx): Promise<number> {
    return this.manager(tx).count(UserEntity);
  }

  /** The new account, or null when the email is taken (the unique constraint decides between racing inserts). */
  async insert(user: NewUser, tx?: Tx): Promise<UserEntity | null> {
    const manager = this.manager(tx);
    try {
      return await manager.save(manager.create(UserEntity, user));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') return null;
      throw error;
    }
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.manager().update(UserEntity, { id }, { passwordHash });
  }

  /** The token version the account's tokens must carry, or undefined for a missing account. */
  async tokenVersion(id: string): Promise<number | undefined> {
    const row = await this.manager().findOne(UserEntity, { where: { id }, select: { id: true, tokenVersion: true } });
    return row?.tokenVersion;
  }

  /** Raises the token version by one, atomically; the new version (0 for a missing account). */
  async raiseTokenVersion(id: string): Promise<number> {
    const [rows] = (await this.manager().query(
      'UPDATE "users" SET "token_version" = "token_version" + 1 WHERE "id" = $1 RETURNING "token_version"',
      [id],
    )) as [{ token_version: number }[], number];
    return rows[0]?.token_version ?? 0;
  }

  async delete(id: string, tx?: Tx): Promise<void> {
    await this.manager(tx).delete(UserEntity, { id });
  }
}
